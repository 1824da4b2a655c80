package dev.latchkey.core;

import dev.latchkey.core.access.Resource;
import dev.latchkey.core.audit.AuditEvent;
import dev.latchkey.core.audit.AuditLog;
import dev.latchkey.core.audit.AuditTrail;
import dev.latchkey.core.audit.RefusalBuffer;
import dev.latchkey.core.access.AccessDecider;
import dev.latchkey.core.access.Policy;
import dev.latchkey.core.access.PolicyService;
import dev.latchkey.core.access.Role;
import dev.latchkey.core.account.Account;
import dev.latchkey.core.activity.ActivityReportService;
import dev.latchkey.core.apikey.ActivityRecorder;
import dev.latchkey.core.apikey.ApiKeyService;
import dev.latchkey.core.apikey.CredentialLinks;
import dev.latchkey.core.apikey.InactiveKeySweep;
import dev.latchkey.core.apikey.LongLivedKeys;
import dev.latchkey.core.common.Ids;
import dev.latchkey.core.common.KeyFormat;
import dev.latchkey.core.common.MutableClock;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.common.Secret;
import dev.latchkey.core.common.SecretBox;
import dev.latchkey.core.identity.Membership;
import dev.latchkey.core.identity.PasswordHasher;
import dev.latchkey.core.identity.PasswordThrottle;
import dev.latchkey.core.identity.User;
import dev.latchkey.core.identity.UserService;
import dev.latchkey.core.leak.LeakService;
import dev.latchkey.core.notification.KeyEvent;
import dev.latchkey.core.notification.Notifier;
import dev.latchkey.core.serviceid.ServiceIdCreationPolicy;
import dev.latchkey.core.serviceid.ServiceIdGroupService;
import dev.latchkey.core.serviceid.ServiceIdService;
import dev.latchkey.core.settings.AccountSettings;
import dev.latchkey.core.settings.AccountSettingsService;
import dev.latchkey.core.settings.SettingsHistoryEntry;
import dev.latchkey.core.token.AccessTokenClaims;
import dev.latchkey.core.token.TokenService;
import dev.latchkey.core.token.TokenSigner;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The services that hold the rules, wired as the application wires them but over {@link InMemoryStores}, a
 * {@link MutableClock} and hand-written doubles for what is not core's (password hashing, token signing, and a
 * notifier that only records). Account {@link #ACCOUNT} is owned by {@link #OWNER}; {@link #OTHER_ACCOUNT} by
 * someone else.
 */
public final class InMemoryServices {
    public static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");
    public static final String ACCOUNT = "a".repeat(32);
    public static final String OTHER_ACCOUNT = "b".repeat(32);
    public static final Principal OWNER = new Principal("IBMid-OWNER00001", ACCOUNT);
    public static final Principal STRANGER = new Principal("IBMid-STRANGER01", OTHER_ACCOUNT);

    /** A password hasher that is no hasher: "hashed:" and the password, compared exactly. */
    public static final class PlainHasher implements PasswordHasher {
        @Override
        public String hash(Secret password) {
            return "hashed:" + password.reveal();
        }

        @Override
        public boolean verify(Secret password, String hash) {
            return password != null && hash.equals("hashed:" + password.reveal());
        }
    }

    /** A signer whose token says whose and which account's it is, nothing cryptographic; remembers each claim. */
    public static final class NamingSigner implements TokenSigner {
        public final List<AccessTokenClaims> signed = new ArrayList<>();

        @Override
        public synchronized String sign(AccessTokenClaims claims) {
            signed.add(claims);
            return "token-for:" + claims.iamId() + "@" + claims.accountId() + "/" + claims.grantType();
        }
    }

    public final InMemoryStores stores = new InMemoryStores();
    public final MutableClock clock = new MutableClock(T0);
    public final SecureRandom random = new SecureRandom();
    public final Ids ids = new Ids(random);
    public final KeyFormat format = new KeyFormat("lk");
    public final List<KeyEvent> notified = new ArrayList<>();
    public final Notifier notifier = event -> {
        notified.add(event);
        return "event-" + notified.size();
    };
    public final NamingSigner signer = new NamingSigner();
    /** Who may be a policy's subject or a group's member, as the composition root's {@code PolicySubjects} answers. */
    public final dev.latchkey.core.access.Subjects subjects = new dev.latchkey.core.access.Subjects() {
        @Override
        public boolean existsIn(String accountId, String iamId) {
            return dev.latchkey.core.access.AccessGroup.isId(iamId)
                    ? stores.accessGroups.find(iamId).filter(g -> g.accountId().equals(accountId)).isPresent()
                    : stores.users.membership(accountId, iamId).isPresent()
                    || stores.serviceIds.find(dev.latchkey.core.common.IamIds.serviceIdOf(iamId))
                            .filter(s -> s.accountId().equals(accountId)).isPresent();
        }

        @Override
        public java.util.Optional<Description> describe(String accountId, String iamId) {
            if (!existsIn(accountId, iamId)) {
                return java.util.Optional.empty();
            }
            return dev.latchkey.core.common.IamIds.isServiceId(iamId)
                    ? stores.serviceIds.find(dev.latchkey.core.common.IamIds.serviceIdOf(iamId))
                            .map(s -> new Description(s.name(), null, s.description()))
                    : stores.users.find(iamId).map(u -> new Description(u.name(), u.email(), null));
        }
    };
    public final AccessDecider access = new AccessDecider(stores.policies, stores.accessGroups, stores.customRoles,
            stores.accounts, subjects, clock);
    public final ActivityRecorder activity = new ActivityRecorder(stores.keys, stores.keyUsage, stores.tx);
    /** Every audit event appended, in order, as the outbox would be told of them. */
    public final List<AuditEvent> audited = java.util.Collections.synchronizedList(new ArrayList<>());
    public final AuditTrail audit = new AuditTrail(stores.audit, audited::add, stores.tx, ids, clock);
    public final RefusalBuffer refusals = new RefusalBuffer(audit);
    public final AuditLog auditLog = new AuditLog(stores.audit, (caller, accountId) -> access.permits(caller,
            AuditLog.READ_ACTION, Resource.service(accountId, AuditLog.SERVICE)), clock);
    public final AccountSettingsService settings = new AccountSettingsService(stores.settings, stores.users, access,
            clock, stores.tx, audit);
    public final ApiKeyService apiKeys = new ApiKeyService(stores.keys, stores.users, stores.serviceIds, access,
            settings, activity, format, ids, random, new SecretBox(new byte[32], random), clock, stores.tx, notifier, audit);
    public final ServiceIdService serviceIds = new ServiceIdService(stores.tx, stores.serviceIds,
            stores.serviceIdGroups, apiKeys, stores.policies, stores.accessGroups, stores.users, access,
            ServiceIdCreationPolicy.bySettings(settings, access), ids, clock, audit);
    public final ServiceIdGroupService serviceIdGroups = new ServiceIdGroupService(stores.tx, stores.serviceIdGroups,
            access, ids, clock, audit);
    public final dev.latchkey.core.access.CustomRoleService customRoles =
            new dev.latchkey.core.access.CustomRoleService(stores.tx, stores.customRoles, stores.policies, access, ids,
                    clock, audit);
    public final PolicyService policies = new PolicyService(stores.policies, subjects, customRoles, access, ids, clock,
            stores.tx, audit);
    public final dev.latchkey.core.access.AccessGroupService accessGroups =
            new dev.latchkey.core.access.AccessGroupService(stores.tx, stores.accessGroups, stores.policies, subjects,
                    access, ids, clock, audit);
    public final UserService users = new UserService(stores.tx, stores.users, stores.accounts, apiKeys::deleteAllOf,
            stores.policies, policies, accessGroups, access, new PlainHasher(), ids, random, clock, audit);
    public final PasswordThrottle throttle = new PasswordThrottle(clock, 1000);
    public final dev.latchkey.core.settings.UserSettingsService userSettings =
            new dev.latchkey.core.settings.UserSettingsService(stores.tx, stores.users, access, audit);
    /** What the external identity interaction setting reported or refused (decision 0034). */
    public final List<dev.latchkey.core.settings.ExternalInteractionEvent> externalEvents =
            java.util.Collections.synchronizedList(new ArrayList<>());
    public final dev.latchkey.core.settings.ExternalInteractions externals =
            new dev.latchkey.core.settings.ExternalInteractions(settings, externalEvents::add);
    public final TokenService tokens = new TokenService(stores.keys, stores.users, stores.serviceIds,
            users::authenticate, throttle, settings, externals, activity, signer, format, ids, clock,
            "https://iam.test", audit, refusals);
    /** What the leak response told its metrics, one action per reported token. */
    public final java.util.List<String> leakActions = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    public final LeakService leaks = new LeakService(stores.tx, stores.leaks, stores.keys, activity, notifier, access,
            format, ids, clock, audit, leakActions::add);
    public final ActivityReportService activityReports = new ActivityReportService(stores.activityReports,
            stores.keys, activity, stores.serviceIds, stores.users, access, ids, clock, stores.tx, audit);
    /** The ids of the API keys that back a service credential, as the resource store would link them. */
    public final java.util.Set<String> credentialKeys = java.util.concurrent.ConcurrentHashMap.newKeySet();
    public final CredentialLinks credentialLinks = ids -> ids.stream().filter(credentialKeys::contains)
            .collect(java.util.stream.Collectors.toMap(id -> id, id -> "crn:resource-key:" + id));
    public final LongLivedKeys longLivedKeys = new LongLivedKeys(stores.keys, settings, access, credentialLinks);
    public final InactiveKeySweep inactiveKeys = new InactiveKeySweep(stores.tx, stores.keys, activity, settings,
            stores.inactivityNotices, credentialLinks, notifier, clock, audit);
    private int policyCounter;

    public InMemoryServices() {
        stores.accounts.insert(new Account(ACCOUNT, "Acme", OWNER.iamId(), T0));
        stores.accounts.insert(new Account(OTHER_ACCOUNT, "Other", STRANGER.iamId(), T0));
        member(OWNER.iamId());
        stores.users.insert(new User(STRANGER.iamId(), "stranger@example.com", "Sam", "Stranger", false, T0));
        stores.users.insertMembership(new Membership(OTHER_ACCOUNT, STRANGER.iamId(), null, T0));
    }

    /** A user, active member of {@link #ACCOUNT}. */
    public Principal member(String iamId) {
        return member(iamId, false);
    }

    /** A user or functional ID, active member of {@link #ACCOUNT}. */
    public Principal member(String iamId, boolean functional) {
        stores.users.insert(new User(iamId, iamId.toLowerCase() + "@example.com", "Given", "Family", functional, T0));
        stores.users.insertMembership(new Membership(ACCOUNT, iamId, OWNER.iamId(), T0));
        return new Principal(iamId, ACCOUNT);
    }

    /** Grants {@code role} on the IAM Identity service of {@link #ACCOUNT} (the whole service). */
    public void grantOnIdentity(Principal who, Role role) {
        grant(who.iamId(), role, "serviceName", Policy.IAM_IDENTITY);
    }

    /** Grants {@code role} to {@code iamId} on a resource of {@link #ACCOUNT} described by name/value pairs. */
    public void grant(String iamId, Role role, String... nameValues) {
        List<Policy.Attribute> attributes = new ArrayList<>();
        attributes.add(new Policy.Attribute("accountId", ACCOUNT, null));
        for (int i = 0; i < nameValues.length; i += 2) {
            attributes.add(new Policy.Attribute(nameValues[i], nameValues[i + 1], null));
        }
        stores.policies.insert(Policy.grant("policy-" + (++policyCounter), ACCOUNT, iamId, List.of(role.crn()),
                attributes, null, OWNER.iamId(), T0));
    }

    /** Writes {@link #ACCOUNT}'s settings: the API key creation restriction and the allowed addresses. */
    public void settings(String restrictCreatePlatformApikey, String allowedIpAddresses) {
        AccountSettings current = stores.settings.find(ACCOUNT).orElse(AccountSettings.defaults(ACCOUNT));
        AccountSettings next = new AccountSettings(ACCOUNT, current.restrictCreateServiceId(),
                restrictCreatePlatformApikey, allowedIpAddresses, current.mfa(), current.userMfa(),
                current.sessionExpirationInSeconds(), current.sessionInvalidationInSeconds(),
                current.maxSessionsPerIdentity(), current.systemAccessTokenExpirationInSeconds(),
                current.systemRefreshTokenExpirationInSeconds(), current.restrictUserListVisibility(),
                current.restrictUserDomains(), current.version() + 1, current.apikeyMaxLifetimeDays(),
                current.apikeyDisableAfterInactiveDays(), current.externalUser(), current.externalServiceId(),
                current.externalService());
        if (!stores.settings.save(next, current.version(), new SettingsHistoryEntry(clock.instant(), OWNER.iamId(),
                ACCOUNT, "update", List.of("restrict_create_platform_apikey", "allowed_ip_addresses"), "test"))) {
            throw new IllegalStateException("settings changed meanwhile");
        }
    }
}

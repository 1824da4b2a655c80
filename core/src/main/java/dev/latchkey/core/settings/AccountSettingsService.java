package dev.latchkey.core.settings;

import dev.latchkey.core.audit.AuditTarget;
import dev.latchkey.core.audit.AuditTrail;
import dev.latchkey.core.common.Transactor;
import java.util.Map;
import dev.latchkey.core.access.AccessDecider;
import dev.latchkey.core.access.Resource;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.EntityTag;
import dev.latchkey.core.common.ErrorCode;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.identity.User;
import dev.latchkey.core.identity.UserStore;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads and changes an account's IAM Identity settings for an authenticated principal (actions {@value #GET}
 * and {@value #UPDATE} on the IAM Identity service, decided by {@link AccessDecider}), and answers the questions
 * other features enforce: may user API keys or service IDs be created freely, how long does an access token
 * live, which client addresses may obtain one, how long may an API key live and stay unused. Reads go through the
 * (cached) store; nothing here writes except {@link #update}. Thread-safe.
 */
public final class AccountSettingsService {
    public static final String GET = "iam-identity.account.get";
    public static final String UPDATE = "iam-identity.account.update";
    private static final String IAM_IDENTITY = "iam-identity";
    /** Reading IAM Access Management's account settings (external identity interactions): Viewer and up. */
    public static final String ACCESS_MANAGEMENT_GET = "iam-access-management.settings.read";
    /** Changing them: Administrator on IAM Access Management (its {@code {service}.*}) and the account owner. */
    public static final String ACCESS_MANAGEMENT_UPDATE = "iam-access-management.settings.update";

    private final AccountSettingsStore store;
    private final UserStore users;
    private final AccessDecider access;
    private final Clock clock;
    /** Token rules per account, rebuilt only when the settings version changes. One small entry per account. */
    private final ConcurrentHashMap<String, TokenRules> tokenRules = new ConcurrentHashMap<>();

    private final Transactor tx;
    private final AuditTrail audit;

    public AccountSettingsService(AccountSettingsStore store, UserStore users, AccessDecider access, Clock clock,
                                  Transactor tx, AuditTrail audit) {
        this.tx = tx;
        this.audit = audit;
        this.store = store;
        this.users = users;
        this.access = access;
        this.clock = clock;
    }

    /** The settings of {@code accountId}: IBM's defaults (version 0) when the account never wrote any. */
    public AccountSettings get(Principal caller, String accountId) {
        access.require(caller, GET, identityService(accountId), "view the account settings");
        return current(accountId);
    }

    /**
     * Whether {@code caller} may change the settings of {@code accountId} ({@value #UPDATE} on the IAM Identity
     * service): who may not sees them read-only.
     */
    public boolean mayUpdate(Principal caller, String accountId) {
        return access.permits(caller, UPDATE, identityService(accountId));
    }

    /** The entity tag of these settings, as sent in {@code Etag} and {@code entity_tag}. */
    public static String entityTag(AccountSettings settings) {
        return EntityTag.of(settings.accountId(), settings.version());
    }

    /**
     * Applies a PUT. {@code ifMatch} is required ({@code *} for any version); a stale tag or a concurrent write is
     * a 409 and an invalid field a 400, and in both cases nothing is written.
     */
    public AccountSettings update(Principal caller, String accountId, String ifMatch, UpdateAccountSettings request) {
        access.require(caller, UPDATE, identityService(accountId), "change the account settings");
        AccountSettings current = current(accountId);
        EntityTag.requireMatch(ifMatch, accountId, current.version());
        AccountSettingsChange change = AccountSettingsChange.of(current, request,
                iamId -> users.membership(accountId, iamId).isPresent());
        return save(caller, current, change.settings(), change.fields(), change.message(current),
                "iam-identity.account.update");
    }

    /** The settings history, oldest first; the caller must be allowed to view the settings. */
    public List<SettingsHistoryEntry> history(Principal caller, String accountId) {
        access.require(caller, GET, identityService(accountId), "view the account settings");
        return store.history(accountId);
    }

    /** {@code user_mfa} with each known user's name, user name and e-mail filled in ({@code resolve_user_mfa}). */
    public List<UserMfa> resolveUserMfa(List<UserMfa> userMfa) {
        return userMfa.stream().map(item -> users.find(item.iamId())
                .map(user -> profile(item, user)).orElse(item)).toList();
    }

    /** True when the account restricts creating user API keys to holders of the User API key creator role. */
    public boolean restrictsUserApiKeyCreation(String accountId) {
        return current(accountId).restrictsUserApiKeyCreation();
    }

    /**
     * True when the account restricts creating service IDs to holders of the Service ID creator role
     * ({@code restrict_create_service_id=RESTRICTED}); the owner needs the role too.
     */
    public boolean restrictsServiceIdCreation(String accountId) {
        return current(accountId).restrictsServiceIdCreation();
    }

    /**
     * The longest a user or service ID API key of the account may live, in days ({@code apikey_max_lifetime_days});
     * empty when the account sets no such rule. One cached store read.
     */
    public OptionalInt apikeyMaxLifetimeDays(String accountId) {
        return current(accountId).apikeyMaxLifetime();
    }

    /**
     * Every account that disables API keys after a number of days without use, with that number
     * ({@code apikey_disable_after_inactive_days}); for the scheduled sweep, which acts for no caller.
     */
    public Map<String, Integer> inactivityRules() {
        return store.inactivityRules();
    }

    /**
     * The token endpoint's rules for an account: one cached store read, and the allow-list parsed once per
     * settings version. The hot path calls this on every exchange.
     */
    public TokenRules tokenRules(String accountId) {
        AccountSettings settings = current(accountId);
        TokenRules rules = tokenRules.get(accountId);
        if (rules != null && rules.preparedFrom(settings)) {
            return rules;
        }
        TokenRules prepared = TokenRules.of(settings);
        tokenRules.put(accountId, prepared);
        return prepared;
    }

    /**
     * The settings of {@code accountId} for IAM Access Management's {@code settings/access_management} (the external
     * identity interactions are in them); the caller needs {@value #ACCESS_MANAGEMENT_GET}.
     */
    public AccountSettings getAccessManagement(Principal caller, String accountId) {
        access.require(caller, ACCESS_MANAGEMENT_GET, accessManagement(accountId),
                "view the access management settings");
        return current(accountId);
    }

    /** Whether {@code caller} may change the access management settings ({@value #ACCESS_MANAGEMENT_UPDATE}). */
    public boolean mayUpdateAccessManagement(Principal caller, String accountId) {
        return access.permits(caller, ACCESS_MANAGEMENT_UPDATE, accessManagement(accountId));
    }

    /**
     * Applies a PATCH of the access management settings, as {@link #update} applies a PUT: {@code ifMatch} required,
     * the same version and entity tag as the IAM Identity settings (one row), a stale tag 409, an invalid field 400,
     * one history entry with the change, and nothing written on any refusal. Every node applies it once the write
     * commits (the settings cache is evicted through the change feed).
     */
    public AccountSettings updateAccessManagement(Principal caller, String accountId, String ifMatch,
                                                  UpdateAccessManagementSettings request) {
        access.require(caller, ACCESS_MANAGEMENT_UPDATE, accessManagement(accountId),
                "change the access management settings");
        AccountSettings current = current(accountId);
        EntityTag.requireMatch(ifMatch, accountId, current.version());
        AccessManagementChange change = AccessManagementChange.of(current, request);
        return save(caller, current, change.settings(), change.fields(), change.message(current),
                "iam-access-management.settings.update");
    }

    /**
     * Writes {@code next} over {@code current} with its history entry and its audit event {@code action}, in one
     * transaction; a concurrent write since {@code current} was read is a 409 and writes nothing.
     */
    private AccountSettings save(Principal caller, AccountSettings current, AccountSettings next, List<String> fields,
                                 String message, String action) {
        SettingsHistoryEntry entry = new SettingsHistoryEntry(clock.instant().truncatedTo(ChronoUnit.MILLIS),
                caller.iamId(), caller.accountId(), "update", fields, message);
        tx.inTransaction(() -> {
            if (!store.save(next, current.version(), entry)) {
                throw new DomainException(ErrorCode.ENTITY_TAG_MISMATCH, "The account settings were changed by "
                        + "another request at the same time; read them again and retry.");
            }
            audit.record(caller, current.accountId(), action, AuditTarget.of("account_settings", current.accountId(),
                    null), Map.of("fields", String.join(",", fields), "change", message));
            return null;
        });
        return next;
    }

    private static Resource accessManagement(String accountId) {
        return Resource.service(accountId, AccessDecider.ACCESS_MANAGEMENT);
    }

    private AccountSettings current(String accountId) {
        return store.find(accountId).orElseGet(() -> AccountSettings.defaults(accountId));
    }

    private static UserMfa profile(UserMfa item, User user) {
        return new UserMfa(item.iamId(), item.mfa(), user.name(), user.email(), user.email(), null);
    }

    private static Resource identityService(String accountId) {
        return Resource.service(accountId, IAM_IDENTITY);
    }
}

package dev.latchkey.core.token;

import dev.latchkey.core.apikey.ActivityRecorder;
import dev.latchkey.core.apikey.ApiKey;
import dev.latchkey.core.apikey.ApiKeyStore;
import dev.latchkey.core.audit.AuditEvent;
import dev.latchkey.core.audit.AuditTarget;
import dev.latchkey.core.audit.AuditTrail;
import dev.latchkey.core.audit.RefusalBuffer;
import dev.latchkey.core.common.ApiKeyHash;
import dev.latchkey.core.common.IamIds;
import dev.latchkey.core.common.Ids;
import dev.latchkey.core.common.KeyFormat;
import dev.latchkey.core.common.Secret;
import dev.latchkey.core.identity.Membership;
import dev.latchkey.core.identity.PasswordThrottle;
import dev.latchkey.core.identity.User;
import dev.latchkey.core.identity.UserStore;
import dev.latchkey.core.serviceid.ServiceId;
import dev.latchkey.core.serviceid.ServiceIdStore;
import dev.latchkey.core.settings.AccountSettingsService;
import dev.latchkey.core.settings.AllowListCache;
import dev.latchkey.core.settings.ExternalInteractions;
import dev.latchkey.core.settings.TokenRules;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Issues access tokens: for an API key (the hot path) and for a user's password. For a key it hashes the value,
 * looks the key and its identity (a user, or a service ID) up through the (cached) stores, checks state, applies
 * the account's token rules, signs, and counts the use in memory. It never writes to the database. A user's
 * token may be for any account the user is an active member of, unless that account limits external identity
 * interactions (decision 0034); a service ID's only for its own account. A user's own allowed addresses in that
 * account (their membership's settings, read with the membership; decision 0044) apply on top of the account's.
 * Thread-safe.
 */
public final class TokenService {
    /** A password sign-in, successful or refused: {@code iam-identity.user.login}. */
    public static final String SIGN_IN = "iam-identity.user.login";
    /** A token exchange of an API key that exists but was refused. */
    public static final String KEY_REFUSED = "iam-identity.apikey.login";

    private final ApiKeyStore keys;
    private final UserStore users;
    private final ServiceIdStore serviceIds;
    private final PasswordLogin passwords;
    private final PasswordThrottle throttle;
    private final AccountSettingsService settings;
    private final ExternalInteractions externals;
    private final ActivityRecorder activity;
    private final TokenSigner signer;
    private final KeyFormat format;
    private final Ids ids;
    private final Clock clock;
    private final String issuer;
    private final AuditTrail audit;
    private final RefusalBuffer refusals;
    /** Users' allowed addresses, parsed once per distinct list (they come with the cached membership). */
    private final AllowListCache memberAllowLists = new AllowListCache(10_000);

    /** Checks an e-mail and password; {@code UserService::authenticate}. */
    @FunctionalInterface
    public interface PasswordLogin {
        Optional<User> authenticate(String email, Secret password);
    }

    /** The claims of one token, once its lifetime is known. */
    @FunctionalInterface
    private interface Claims {
        AccessTokenClaims at(Instant issuedAt, Instant expiresAt);
    }

    /**
     * @param externals the accounts' external identity interaction settings, applied when a user API key asks for a
     *                  token for another of its user's accounts (decision 0034)
     */
    public TokenService(ApiKeyStore keys, UserStore users, ServiceIdStore serviceIds, PasswordLogin passwords,
                        PasswordThrottle throttle, AccountSettingsService settings, ExternalInteractions externals,
                        ActivityRecorder activity, TokenSigner signer, KeyFormat format, Ids ids, Clock clock,
                        String issuer, AuditTrail audit, RefusalBuffer refusals) {
        this.audit = audit;
        this.refusals = refusals;
        this.keys = keys;
        this.externals = externals;
        this.users = users;
        this.serviceIds = serviceIds;
        this.passwords = passwords;
        this.throttle = throttle;
        this.settings = settings;
        this.activity = activity;
        this.signer = signer;
        this.format = format;
        this.ids = ids;
        this.clock = clock;
        this.issuer = issuer;
    }

    /**
     * @param accountId the account the token is for; null for the key's own account
     * @param tenants   accounts the caller accepts (IBM-Cloud-Tenant header); null or empty accepts any
     * @param clientId  the OAuth client that asked ({@code default} when none authenticated)
     * @param clientAddress the IP address the request came from, checked against the account's allow-list
     */
    public TokenOutcome exchange(Secret apikey, String accountId, Set<String> tenants, String clientId,
                                 String clientAddress) {
        Instant now = clock.instant();
        KeyCheck check = check(apikey, accountId, tenants, now);
        if (check instanceof KeyCheck.Failed failed) {
            if (failed.key() != null) {
                refused(failed.key(), failed.key().accountId(), failed.refusal());
            }
            return new TokenOutcome.Refused(failed.refusal());
        }
        KeyCheck.Passed passed = (KeyCheck.Passed) check;
        String account = passed.account();
        TokenOutcome outcome;
        if (passed.serviceId() != null) {
            ServiceId s = passed.serviceId();
            outcome = issue(account, null, clientAddress, now, null, (issuedAt, expiresAt) -> new AccessTokenClaims(
                    ids.uuid(), s.iamId(), s.id(), "iam", "ServiceId", s.id(), s.name(), null, null, null, account,
                    issuedAt, expiresAt, issuer, AccessTokenClaims.GRANT_APIKEY, clientId));
        } else {
            String keyAccount = passed.key().accountId();
            Optional<String> external = externals.refusal(passed.user().iamId(), keyAccount, account,
                    ExternalInteractions.Where.TOKEN);
            if (external.isPresent()) {
                return new TokenOutcome.Refused(TokenRefusal.EXTERNAL_IDENTITY_LIMITED, external.get());
            }
            outcome = issue(account, keyAccount, clientAddress, now, passed.membership(),
                    userClaims(passed.user(), account, keyAccount, clientId, AccessTokenClaims.GRANT_APIKEY));
        }
        if (outcome instanceof TokenOutcome.Issued) {
            activity.record(passed.key().id(), now);
        } else if (outcome instanceof TokenOutcome.Refused refused) {
            refused(passed.key(), account, refused.refusal());
        }
        return outcome;
    }

    /**
     * Who an API key authenticates as, with every check of {@link #exchange} (the account's allowed addresses
     * included) but without signing: for APIs that take the key itself (classic-style HTTP Basic). Counts the use
     * like a token would.
     */
    public Optional<Authenticated> identify(Secret apikey, String clientAddress) {
        Instant now = clock.instant();
        if (check(apikey, null, null, now) instanceof KeyCheck.Passed passed
                && settings.tokenRules(passed.account()).allowsClient(clientAddress)
                && memberAllows(passed.membership(), clientAddress)) {
            activity.record(passed.key().id(), now);
            return Optional.of(passed.serviceId() != null
                    ? new Authenticated(passed.serviceId().iamId(), passed.serviceId().name(), passed.account())
                    : new Authenticated(passed.user().iamId(), passed.user().email(), passed.account()));
        }
        return Optional.empty();
    }

    /** An identity an API key authenticated as: its IAM id, a name to show, and the account. */
    public record Authenticated(String iamId, String username, String accountId) {
    }

    /** The outcome of checking a key: refused, or the key with its identity and the account asked for. */
    private sealed interface KeyCheck {
        /** {@code key} is the key presented when it exists (a refusal worth an audit event), else null. */
        record Failed(TokenRefusal refusal, ApiKey key) implements KeyCheck {
            Failed(TokenRefusal refusal) {
                this(refusal, null);
            }
        }

        /** {@code membership}: the user's active membership of {@code account}; null for a service ID. */
        record Passed(ApiKey key, String account, User user, ServiceId serviceId, Membership membership)
                implements KeyCheck {
        }
    }

    private KeyCheck check(Secret apikey, String accountId, Set<String> tenants, Instant now) {
        String value = apikey.reveal();
        if (format.claimsFormat(value) && !format.isWellFormed(value)) {
            return new KeyCheck.Failed(TokenRefusal.KEY_NOT_FOUND);
        }
        String hash = ApiKeyHash.of(value);
        Optional<ApiKey> found = keys.findByHash(hash);
        // A value a rotation replaced is found too; it counts only before its grace ends (decision 0032).
        if (found.isEmpty() || !found.get().acceptsHash(hash, now)) {
            return new KeyCheck.Failed(TokenRefusal.KEY_NOT_FOUND);
        }
        ApiKey key = found.get();
        if (key.disabled()) {
            return new KeyCheck.Failed(TokenRefusal.KEY_DISABLED, key);
        }
        if (key.isExpired(now)) {
            return new KeyCheck.Failed(TokenRefusal.KEY_EXPIRED, key);
        }
        String account = accountId == null || accountId.isBlank() ? key.accountId() : accountId;
        if (tenants != null && !tenants.isEmpty() && !tenants.contains(account)) {
            return new KeyCheck.Failed(TokenRefusal.TENANT_MISMATCH, key);
        }
        if (key.isServiceIdKey()) {
            Optional<ServiceId> owner = serviceIdIn(key.accountId(), key.iamId());
            if (owner.isEmpty()) {
                return new KeyCheck.Failed(TokenRefusal.KEY_NOT_FOUND);
            }
            return account.equals(owner.get().accountId()) ? new KeyCheck.Passed(key, account, null, owner.get(), null)
                    : new KeyCheck.Failed(TokenRefusal.NOT_A_MEMBER, key);
        }
        Optional<User> user = users.find(key.iamId());
        if (user.isEmpty()) {
            return new KeyCheck.Failed(TokenRefusal.KEY_NOT_FOUND);
        }
        Optional<Membership> membership = activeMembership(account, key.iamId());
        return membership.isPresent() ? new KeyCheck.Passed(key, account, user.get(), null, membership.get())
                : new KeyCheck.Failed(TokenRefusal.NOT_A_MEMBER, key);
    }

    /**
     * The password grant, for users who accepted an invitation. {@code accountId} null picks the user's oldest
     * active membership. Wrong e-mail, wrong password and functional IDs get the same refusal. After five wrong
     * passwords for one e-mail address the {@link PasswordThrottle} makes it wait (429, with the seconds to wait).
     */
    public TokenOutcome exchangePassword(String email, Secret password, String accountId, String clientId,
                                         String clientAddress) {
        Duration wait = throttle.admit(email);
        if (!wait.isZero()) {
            refusedSignIn(email, accountId, TokenRefusal.TOO_MANY_FAILURES);
            return TokenOutcome.Refused.mustWait(wait);
        }
        Optional<User> user = passwords.authenticate(email, password);
        if (user.isEmpty()) {
            refusedSignIn(email, accountId, TokenRefusal.BAD_CREDENTIALS);
            return new TokenOutcome.Refused(TokenRefusal.BAD_CREDENTIALS);
        }
        throttle.succeeded(email);
        String account = accountId;
        if (account == null || account.isBlank()) {
            account = users.memberships(user.get().iamId()).stream().filter(Membership::isActive)
                    .map(Membership::accountId).findFirst().orElse(null);
        }
        Optional<Membership> membership = account == null ? Optional.empty()
                : activeMembership(account, user.get().iamId());
        if (membership.isEmpty()) {
            refusedSignIn(user.get(), accountId, TokenRefusal.NOT_A_MEMBER);
            return new TokenOutcome.Refused(TokenRefusal.NOT_A_MEMBER);
        }
        TokenOutcome outcome = issue(account, null, clientAddress, clock.instant(), membership.get(),
                userClaims(user.get(), account, null, clientId, AccessTokenClaims.GRANT_PASSWORD));
        AuditTarget target = AuditTarget.of("user", user.get().iamId(), user.get().email());
        if (outcome instanceof TokenOutcome.Refused refused) {
            refusals.refused(account, user.get().iamId(), SIGN_IN, target, reason(refused.refusal()));
        } else {
            audit.record(account, user.get().iamId(), SIGN_IN, target, AuditEvent.Outcome.SUCCESS,
                    Map.of("client_id", clientId == null ? "default" : clientId));
        }
        return outcome;
    }

    /** A refused exchange of an existing key, for the audit log (in batches, off the hot path). */
    private void refused(ApiKey key, String account, TokenRefusal refusal) {
        refusals.refused(account, key.iamId(), KEY_REFUSED, AuditTarget.of("apikey", key.id(), key.name()),
                reason(refusal));
    }

    /**
     * A refused sign-in of an existing user, in the account asked for, or else in each account they are an active
     * member of; an address that names no user is in no account's log.
     */
    private void refusedSignIn(String email, String accountId, TokenRefusal refusal) {
        if (email != null) {
            users.findByEmail(email.strip()).ifPresent(user -> refusedSignIn(user, accountId, refusal));
        }
    }

    private void refusedSignIn(User user, String accountId, TokenRefusal refusal) {
        AuditTarget target = AuditTarget.of("user", user.iamId(), user.email());
        for (Membership m : users.memberships(user.iamId())) {
            if (m.isActive() && (accountId == null || accountId.isBlank() || accountId.equals(m.accountId()))) {
                refusals.refused(m.accountId(), user.iamId(), SIGN_IN, target, reason(refusal));
            }
        }
    }

    private static String reason(TokenRefusal refusal) {
        return refusal.name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * A token for a signed-in user in another of their accounts (the console's account switch), by the rules of the
     * password grant after the password: the user must be an active member of {@code accountId}, and the account's
     * token rules (allowed addresses, lifetime) apply. Not for service IDs, which belong to one account.
     *
     * @param authnAccountId the account of the API key the session was opened with, null for a password: an account
     *                       that limits external identity interactions refuses a switch from another account's key
     */
    public TokenOutcome exchangeForAccount(String iamId, String accountId, String authnAccountId, String clientId,
                                           String clientAddress) {
        Optional<User> user = IamIds.isServiceId(iamId) ? Optional.empty() : users.find(iamId);
        Optional<Membership> membership = user.isEmpty() ? Optional.empty() : activeMembership(accountId, iamId);
        if (membership.isEmpty()) {
            return new TokenOutcome.Refused(TokenRefusal.NOT_A_MEMBER);
        }
        Optional<String> external = externals.refusal(iamId, authnAccountId, accountId,
                ExternalInteractions.Where.TOKEN);
        if (external.isPresent()) {
            return new TokenOutcome.Refused(TokenRefusal.EXTERNAL_IDENTITY_LIMITED, external.get());
        }
        return issue(accountId, authnAccountId, clientAddress, clock.instant(), membership.get(),
                userClaims(user.get(), accountId, authnAccountId, clientId, AccessTokenClaims.GRANT_REFRESH));
    }

    /**
     * Whether the holder of an access token issued earlier may still act in the token's account: a user or
     * functional ID still an active member, a service ID still there. Asked on every authenticated request, from
     * the caches the token path reads; a removal or deletion evicts them on every node through the change feed,
     * so a token stops working on the next request after its holder leaves, not when it expires.
     */
    public boolean mayStillAct(String iamId, String accountId) {
        return IamIds.isServiceId(iamId) ? serviceIdIn(accountId, iamId).isPresent() : isActiveMember(accountId, iamId);
    }

    /** The service ID {@code iamId} if it exists in {@code accountId}, from the token path's cache. */
    private Optional<ServiceId> serviceIdIn(String accountId, String iamId) {
        return serviceIds.findForToken(IamIds.serviceIdOf(iamId)).filter(s -> s.accountId().equals(accountId));
    }

    private boolean isActiveMember(String accountId, String iamId) {
        return activeMembership(accountId, iamId).isPresent();
    }

    /** The active membership, from the token path's cache; its settings carry the user's allowed addresses. */
    private Optional<Membership> activeMembership(String accountId, String iamId) {
        return users.membership(accountId, iamId).filter(Membership::isActive);
    }

    /** Whether the member's own allow-list admits the address; null (a service ID) is not limited here. */
    private boolean memberAllows(Membership membership, String clientAddress) {
        return membership == null || memberAllowLists.allows(membership.settings().allowedIpAddresses(), clientAddress);
    }

    /** A user's claims; {@code authnAccount} (the key's account) is signed only when it is not {@code account}. */
    private Claims userClaims(User u, String account, String authnAccount, String clientId, String grantType) {
        String identifier = u.iamId().substring(u.iamId().indexOf('-') + 1);
        String external = authnAccount == null || authnAccount.equals(account) ? null : authnAccount;
        return (issuedAt, expiresAt) -> new AccessTokenClaims(ids.uuid(), u.iamId(), identifier, "IBMid", "user",
                u.email(), u.name(), u.givenName(), u.familyName(), u.email(), account, issuedAt, expiresAt, issuer,
                grantType, clientId, external);
    }

    /**
     * Applies the account's token rules (allowed addresses, lifetime) and the user's own allowed addresses in the
     * account ({@code membership}'s settings; null for a service ID), then signs. {@code authnAccount}: the account
     * of the key the token comes from (null for a password), for the console's sessions.
     */
    private TokenOutcome issue(String account, String authnAccount, String clientAddress, Instant now,
                               Membership membership, Claims claims) {
        TokenRules rules = settings.tokenRules(account);
        if (!rules.allowsClient(clientAddress)) {
            return new TokenOutcome.Refused(TokenRefusal.ADDRESS_NOT_ALLOWED, "The IP address " + clientAddress
                    + " is not allowed to create tokens for this account.");
        }
        if (!memberAllows(membership, clientAddress)) {
            return new TokenOutcome.Refused(TokenRefusal.ADDRESS_NOT_ALLOWED, "The IP address " + clientAddress
                    + " is not allowed to create tokens for this user in this account.");
        }
        long lifetime = rules.accessTokenLifetimeSeconds();
        Instant issuedAt = now.truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = issuedAt.plusSeconds(lifetime);
        AccessTokenClaims signed = claims.at(issuedAt, expiresAt);
        return new TokenOutcome.Issued(signer.sign(signed), lifetime, expiresAt.getEpochSecond(), signed.iamId(),
                account, authnAccount);
    }
}

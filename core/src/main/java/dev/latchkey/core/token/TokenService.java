package dev.latchkey.core.token;

import dev.latchkey.core.apikey.ActivityRecorder;
import dev.latchkey.core.apikey.ApiKey;
import dev.latchkey.core.apikey.ApiKeyHash;
import dev.latchkey.core.apikey.ApiKeyStore;
import dev.latchkey.core.apikey.KeyFormat;
import dev.latchkey.core.common.Ids;
import dev.latchkey.core.common.Secret;
import dev.latchkey.core.identity.Membership;
import dev.latchkey.core.identity.User;
import dev.latchkey.core.identity.UserStore;
import dev.latchkey.core.settings.AccountSettingsService;
import dev.latchkey.core.settings.TokenRules;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;

/**
 * Exchanges an API key for a signed access token: the hot path. It hashes the value, looks the key and its
 * identity up through the (cached) stores, checks state, signs, and counts the use in memory. It never writes
 * to the database. Thread-safe.
 */
public final class TokenService {
    private final ApiKeyStore keys;
    private final UserStore users;
    private final ActivityRecorder activity;
    private final TokenSigner signer;
    private final KeyFormat format;
    private final Ids ids;
    private final Clock clock;
    private final String issuer;
    private final PasswordLogin passwords;
    private final AccountSettingsService settings;

    /** Checks an e-mail and password; {@code UserService::authenticate}. */
    @FunctionalInterface
    public interface PasswordLogin {
        Optional<User> authenticate(String email, Secret password);
    }

    public TokenService(ApiKeyStore keys, UserStore users, PasswordLogin passwords, AccountSettingsService settings,
                        ActivityRecorder activity, TokenSigner signer, KeyFormat format, Ids ids, Clock clock,
                        String issuer) {
        this.keys = keys;
        this.users = users;
        this.passwords = passwords;
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
        String value = apikey.reveal();
        if (format.claimsFormat(value) && !format.isWellFormed(value)) {
            return new TokenOutcome.Refused(TokenRefusal.KEY_NOT_FOUND);
        }
        Optional<ApiKey> found = keys.findByHash(ApiKeyHash.of(value));
        if (found.isEmpty()) {
            return new TokenOutcome.Refused(TokenRefusal.KEY_NOT_FOUND);
        }
        ApiKey key = found.get();
        Instant now = clock.instant();
        if (key.disabled()) {
            return new TokenOutcome.Refused(TokenRefusal.KEY_DISABLED);
        }
        if (key.isExpired(now)) {
            return new TokenOutcome.Refused(TokenRefusal.KEY_EXPIRED);
        }
        String account = accountId == null || accountId.isBlank() ? key.accountId() : accountId;
        if (tenants != null && !tenants.isEmpty() && !tenants.contains(account)) {
            return new TokenOutcome.Refused(TokenRefusal.TENANT_MISMATCH);
        }
        Optional<User> user = users.find(key.iamId());
        if (user.isEmpty()) {
            return new TokenOutcome.Refused(TokenRefusal.KEY_NOT_FOUND);
        }
        if (!isActiveMember(account, key.iamId())) {
            return new TokenOutcome.Refused(TokenRefusal.NOT_A_MEMBER);
        }
        TokenOutcome outcome = issue(user.get(), account, clientId, clientAddress, AccessTokenClaims.GRANT_APIKEY, now);
        if (outcome instanceof TokenOutcome.Issued) {
            activity.record(key.id(), now);
        }
        return outcome;
    }

    /**
     * The password grant, for users who accepted an invitation. {@code accountId} null picks the user's oldest
     * active membership. Wrong e-mail, wrong password and functional IDs get the same refusal.
     */
    public TokenOutcome exchangePassword(String email, Secret password, String accountId, String clientId,
                                         String clientAddress) {
        Optional<User> user = passwords.authenticate(email, password);
        if (user.isEmpty()) {
            return new TokenOutcome.Refused(TokenRefusal.BAD_CREDENTIALS);
        }
        String account = accountId;
        if (account == null || account.isBlank()) {
            account = users.memberships(user.get().iamId()).stream().filter(Membership::isActive)
                    .map(Membership::accountId).findFirst().orElse(null);
        }
        if (account == null || !isActiveMember(account, user.get().iamId())) {
            return new TokenOutcome.Refused(TokenRefusal.NOT_A_MEMBER);
        }
        return issue(user.get(), account, clientId, clientAddress, AccessTokenClaims.GRANT_PASSWORD, clock.instant());
    }

    private boolean isActiveMember(String accountId, String iamId) {
        return users.membership(accountId, iamId).filter(Membership::isActive).isPresent();
    }

    /** Applies the account's token rules (allowed addresses, lifetime), then signs. */
    private TokenOutcome issue(User u, String account, String clientId, String clientAddress, String grantType,
                               Instant now) {
        TokenRules rules = settings.tokenRules(account);
        if (!rules.allowsClient(clientAddress)) {
            return new TokenOutcome.Refused(TokenRefusal.ADDRESS_NOT_ALLOWED, "The IP address " + clientAddress
                    + " is not allowed to create tokens for this account.");
        }
        long lifetime = rules.accessTokenLifetimeSeconds();
        Instant issuedAt = now.truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = issuedAt.plusSeconds(lifetime);
        String identifier = u.iamId().substring(u.iamId().indexOf('-') + 1);
        AccessTokenClaims claims = new AccessTokenClaims(ids.uuid(), u.iamId(), identifier, "IBMid", "user",
                u.email(), u.name(), u.givenName(), u.familyName(), u.email(), account, issuedAt, expiresAt, issuer,
                grantType, clientId);
        return new TokenOutcome.Issued(signer.sign(claims), lifetime, expiresAt.getEpochSecond());
    }
}

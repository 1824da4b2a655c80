package dev.latchkey.core.token;

import dev.latchkey.core.apikey.ActivityRecorder;
import dev.latchkey.core.apikey.ApiKey;
import dev.latchkey.core.apikey.ApiKeyHash;
import dev.latchkey.core.apikey.ApiKeyStore;
import dev.latchkey.core.apikey.KeyFormat;
import dev.latchkey.core.common.Ids;
import dev.latchkey.core.common.Secret;
import dev.latchkey.core.identity.User;
import dev.latchkey.core.identity.UserStore;
import dev.latchkey.core.serviceid.ServiceId;
import dev.latchkey.core.serviceid.ServiceIdStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;

/**
 * Exchanges an API key for a signed access token: the hot path. It hashes the value, looks the key and its
 * identity (a user, or a service ID) up through the (cached) stores, checks state, signs, and counts the use in
 * memory. It never writes to the database. A service ID's token is only for the service ID's own account.
 * Thread-safe.
 */
public final class TokenService {
    public static final long DEFAULT_LIFETIME_SECONDS = 3600;

    private final ApiKeyStore keys;
    private final UserStore users;
    private final ServiceIdStore serviceIds;
    private final ActivityRecorder activity;
    private final TokenSigner signer;
    private final KeyFormat format;
    private final Ids ids;
    private final Clock clock;
    private final String issuer;

    public TokenService(ApiKeyStore keys, UserStore users, ServiceIdStore serviceIds, ActivityRecorder activity,
                        TokenSigner signer, KeyFormat format, Ids ids, Clock clock, String issuer) {
        this.keys = keys;
        this.users = users;
        this.serviceIds = serviceIds;
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
     */
    public TokenOutcome exchange(Secret apikey, String accountId, Set<String> tenants, String clientId) {
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
        Instant issuedAt = now.truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = issuedAt.plusSeconds(DEFAULT_LIFETIME_SECONDS);
        AccessTokenClaims claims;
        if (key.isServiceIdKey()) {
            Optional<ServiceId> owner = serviceIds.findForToken(ServiceId.idOf(key.iamId()))
                    .filter(s -> s.accountId().equals(key.accountId()));
            if (owner.isEmpty()) {
                return new TokenOutcome.Refused(TokenRefusal.KEY_NOT_FOUND);
            }
            ServiceId s = owner.get();
            if (!account.equals(s.accountId())) {
                return new TokenOutcome.Refused(TokenRefusal.NOT_A_MEMBER);
            }
            claims = new AccessTokenClaims(ids.uuid(), s.iamId(), s.id(), "iam", "ServiceId", s.id(), s.name(),
                    null, null, null, account, issuedAt, expiresAt, issuer, AccessTokenClaims.GRANT_APIKEY, clientId);
        } else {
            Optional<User> user = users.find(key.iamId());
            if (user.isEmpty()) {
                return new TokenOutcome.Refused(TokenRefusal.KEY_NOT_FOUND);
            }
            if (users.membership(account, key.iamId()).isEmpty()) {
                return new TokenOutcome.Refused(TokenRefusal.NOT_A_MEMBER);
            }
            User u = user.get();
            String identifier = u.iamId().substring(u.iamId().indexOf('-') + 1);
            claims = new AccessTokenClaims(ids.uuid(), u.iamId(), identifier, "IBMid", "user", u.email(), u.name(),
                    u.givenName(), u.familyName(), u.email(), account, issuedAt, expiresAt, issuer,
                    AccessTokenClaims.GRANT_APIKEY, clientId);
        }
        String token = signer.sign(claims);
        activity.record(key.id(), now);
        return new TokenOutcome.Issued(token, DEFAULT_LIFETIME_SECONDS, expiresAt.getEpochSecond());
    }
}

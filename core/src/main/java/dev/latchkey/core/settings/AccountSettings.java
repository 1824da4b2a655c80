package dev.latchkey.core.settings;

import java.util.List;
import java.util.OptionalInt;

/**
 * An account's IAM Identity settings as IBM shapes them (reference §4): every scalar is the string the client
 * sent ({@code "3600"}, {@code "NOT_SET"}, {@code "RESTRICTED"}), kept as sent so it echoes unchanged. {@code
 * version} counts writes (0 = never written, the defaults) and drives the entity tag. Immutable.
 *
 * @param allowedIpAddresses the allow-list as sent; empty means tokens may be created from any address
 * @param apikeyMaxLifetimeDays Latchkey's own: the longest a user or service ID key may live, in days, or NOT_SET
 * @param apikeyDisableAfterInactiveDays Latchkey's own: keys unused this many days are disabled, or NOT_SET
 * @param externalUser       IAM Access Management's external identity interaction for users (decision 0034); the
 *                           only identity type that has an effect in Latchkey
 * @param externalServiceId  the same for service IDs: stored and echoed, no effect (service IDs live in one account)
 * @param externalService    the same for IBM services' identities: stored and echoed, no effect (Latchkey has none)
 */
public record AccountSettings(String accountId, String restrictCreateServiceId, String restrictCreatePlatformApikey,
                              String allowedIpAddresses, String mfa, List<UserMfa> userMfa,
                              String sessionExpirationInSeconds, String sessionInvalidationInSeconds,
                              String maxSessionsPerIdentity, String systemAccessTokenExpirationInSeconds,
                              String systemRefreshTokenExpirationInSeconds, String restrictUserListVisibility,
                              List<UserDomainRestriction> restrictUserDomains, long version,
                              String apikeyMaxLifetimeDays, String apikeyDisableAfterInactiveDays,
                              ExternalInteraction externalUser, ExternalInteraction externalServiceId,
                              ExternalInteraction externalService) {

    public static final String RESTRICTED = "RESTRICTED";
    public static final String NOT_RESTRICTED = "NOT_RESTRICTED";
    public static final String NOT_SET = "NOT_SET";

    /** The service defaults, which also stand in for NOT_SET (reference §4, IBM's documented defaults). */
    public static final String DEFAULT_MFA = "NONE";
    public static final String DEFAULT_SESSION_EXPIRATION = "86400";
    public static final String DEFAULT_SESSION_INVALIDATION = "7200";
    public static final String DEFAULT_ACCESS_TOKEN_EXPIRATION = "3600";
    public static final String DEFAULT_REFRESH_TOKEN_EXPIRATION = "259200";
    /**
     * The longest access-token lifetime an account may set (IBM's bound): no token lives longer, which is how long
     * a signing key must stay published after it stopped signing.
     */
    public static final long MAX_ACCESS_TOKEN_LIFETIME_SECONDS = 3_600;
    /** The largest value of the two API key day settings (ten years). */
    public static final int MAX_APIKEY_DAYS = 3_650;

    public AccountSettings {
        userMfa = List.copyOf(userMfa);
        restrictUserDomains = List.copyOf(restrictUserDomains);
        apikeyMaxLifetimeDays = apikeyMaxLifetimeDays == null ? NOT_SET : apikeyMaxLifetimeDays;
        apikeyDisableAfterInactiveDays = apikeyDisableAfterInactiveDays == null ? NOT_SET
                : apikeyDisableAfterInactiveDays;
        externalUser = externalUser == null ? ExternalInteraction.DEFAULT : externalUser;
        externalServiceId = externalServiceId == null ? ExternalInteraction.DEFAULT : externalServiceId;
        externalService = externalService == null ? ExternalInteraction.DEFAULT : externalService;
    }

    /** IBM IAM Identity's settings alone; Latchkey's key rules and the Access Management settings read their defaults. */
    public AccountSettings(String accountId, String restrictCreateServiceId, String restrictCreatePlatformApikey,
                           String allowedIpAddresses, String mfa, List<UserMfa> userMfa,
                           String sessionExpirationInSeconds, String sessionInvalidationInSeconds,
                           String maxSessionsPerIdentity, String systemAccessTokenExpirationInSeconds,
                           String systemRefreshTokenExpirationInSeconds, String restrictUserListVisibility,
                           List<UserDomainRestriction> restrictUserDomains, long version) {
        this(accountId, restrictCreateServiceId, restrictCreatePlatformApikey, allowedIpAddresses, mfa, userMfa,
                sessionExpirationInSeconds, sessionInvalidationInSeconds, maxSessionsPerIdentity,
                systemAccessTokenExpirationInSeconds, systemRefreshTokenExpirationInSeconds,
                restrictUserListVisibility, restrictUserDomains, version, NOT_SET, NOT_SET, null, null, null);
    }

    /** These settings with IAM Access Management's external identity interactions replaced, at {@code version}. */
    public AccountSettings withExternal(ExternalInteraction user, ExternalInteraction serviceId,
                                        ExternalInteraction service, long version) {
        return new AccountSettings(accountId, restrictCreateServiceId, restrictCreatePlatformApikey,
                allowedIpAddresses, mfa, userMfa, sessionExpirationInSeconds, sessionInvalidationInSeconds,
                maxSessionsPerIdentity, systemAccessTokenExpirationInSeconds, systemRefreshTokenExpirationInSeconds,
                restrictUserListVisibility, restrictUserDomains, version, apikeyMaxLifetimeDays,
                apikeyDisableAfterInactiveDays, user, serviceId, service);
    }

    /** What an account that never wrote its settings reads: IBM's defaults, every field present. */
    public static AccountSettings defaults(String accountId) {
        return new AccountSettings(accountId, NOT_SET, NOT_SET, "", DEFAULT_MFA, List.of(),
                DEFAULT_SESSION_EXPIRATION, DEFAULT_SESSION_INVALIDATION, NOT_SET, DEFAULT_ACCESS_TOKEN_EXPIRATION,
                DEFAULT_REFRESH_TOKEN_EXPIRATION, NOT_RESTRICTED, List.of(), 0, NOT_SET, NOT_SET, null, null, null);
    }

    /** True when creating user API keys needs the User API key creator role (NOT_SET means not restricted). */
    public boolean restrictsUserApiKeyCreation() {
        return RESTRICTED.equals(restrictCreatePlatformApikey);
    }

    /** True when creating service IDs needs the Service ID creator role (NOT_SET means not restricted). */
    public boolean restrictsServiceIdCreation() {
        return RESTRICTED.equals(restrictCreateServiceId);
    }

    /** The access-token lifetime in seconds: the setting, or the 3600 s service default when NOT_SET. */
    public long accessTokenLifetimeSeconds() {
        return Long.parseLong(orDefault(systemAccessTokenExpirationInSeconds, DEFAULT_ACCESS_TOKEN_EXPIRATION));
    }

    /**
     * The values that apply: every NOT_SET replaced by the service default. Latchkey has no enterprise templates,
     * so this is what {@code effective_settings} reports.
     */
    public AccountSettings effective() {
        return new AccountSettings(accountId, orDefault(restrictCreateServiceId, NOT_RESTRICTED),
                orDefault(restrictCreatePlatformApikey, NOT_RESTRICTED), allowedIpAddresses, mfa, userMfa,
                orDefault(sessionExpirationInSeconds, DEFAULT_SESSION_EXPIRATION),
                orDefault(sessionInvalidationInSeconds, DEFAULT_SESSION_INVALIDATION), maxSessionsPerIdentity,
                orDefault(systemAccessTokenExpirationInSeconds, DEFAULT_ACCESS_TOKEN_EXPIRATION),
                orDefault(systemRefreshTokenExpirationInSeconds, DEFAULT_REFRESH_TOKEN_EXPIRATION),
                restrictUserListVisibility, restrictUserDomains, version, apikeyMaxLifetimeDays,
                apikeyDisableAfterInactiveDays, externalUser, externalServiceId, externalService);
    }

    /**
     * The longest a user or service ID API key may live ({@code apikey_max_lifetime_days}): its {@code expires_at}
     * at most this many days after its creation. Empty when NOT_SET (no rule; NOT_SET has no default).
     */
    public OptionalInt apikeyMaxLifetime() {
        return days(apikeyMaxLifetimeDays);
    }

    /**
     * After how many days without use a user or service ID API key is disabled
     * ({@code apikey_disable_after_inactive_days}). Empty when NOT_SET (keys are never disabled for inactivity).
     */
    public OptionalInt apikeyDisableAfterInactive() {
        return days(apikeyDisableAfterInactiveDays);
    }

    private static OptionalInt days(String value) {
        return value == null || NOT_SET.equals(value) ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(value));
    }

    private static String orDefault(String value, String fallback) {
        return NOT_SET.equals(value) ? fallback : value;
    }
}

package dev.latchkey.core.settings;

import java.util.List;

/**
 * A PUT of account settings as the client sent it. Null leaves a field as it is; the service validates every
 * field that is present. {@code userMfa} replaces the whole list; {@code restrictUserDomains} entries replace
 * (or, with only {@code realm_id} set, remove) the entry of their realm.
 */
public record UpdateAccountSettings(String restrictCreateServiceId, String restrictCreatePlatformApikey,
                                    String allowedIpAddresses, String mfa, List<UserMfa> userMfa,
                                    String sessionExpirationInSeconds, String sessionInvalidationInSeconds,
                                    String maxSessionsPerIdentity, String systemAccessTokenExpirationInSeconds,
                                    String systemRefreshTokenExpirationInSeconds, String restrictUserListVisibility,
                                    List<UserDomainRestriction> restrictUserDomains, String apikeyMaxLifetimeDays,
                                    String apikeyDisableAfterInactiveDays) {

    /** A change of nothing; handy as a start for tests and for the CLI. */
    public static UpdateAccountSettings none() {
        return new UpdateAccountSettings(null, null, null, null, null, null, null, null, null, null, null, null, null,
                null);
    }
}

package dev.latchkey.core.settings;

/**
 * What an account's settings demand of the token endpoint, prepared once per settings version so the hot path
 * only compares: the access-token lifetime, the parsed IP allow-list and the external identity interaction setting for users. Immutable.
 */
public record TokenRules(long settingsVersion, String allowedIpAddresses, long accessTokenLifetimeSeconds,
                         IpAllowList allowList, ExternalInteraction externalUsers) {

    static TokenRules of(AccountSettings settings) {
        return new TokenRules(settings.version(), settings.allowedIpAddresses(),
                settings.accessTokenLifetimeSeconds(), IpAllowList.parse(settings.allowedIpAddresses()),
                settings.externalUser());
    }

    /** True when these rules were prepared from exactly these settings. */
    boolean preparedFrom(AccountSettings settings) {
        return settingsVersion == settings.version() && allowedIpAddresses.equals(settings.allowedIpAddresses());
    }

    /** True when a client at {@code clientAddress} may obtain a token for the account. */
    public boolean allowsClient(String clientAddress) {
        return allowList.allows(clientAddress);
    }
}

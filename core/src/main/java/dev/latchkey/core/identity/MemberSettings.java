package dev.latchkey.core.identity;

/**
 * A member's settings in one account (IBM User Management's user settings): the console and notification
 * languages (language tags, empty for the account's default), the client addresses tokens for this account may be
 * requested from ({@code allowed_ip_addresses}, the account allow-list's syntax, empty for any), and whether the
 * user may change that list themself ({@code self_manage}). They travel with the membership, which the token path
 * reads anyway, so enforcing the address list costs no read (decision 0044). Immutable.
 */
public record MemberSettings(String language, String notificationLanguage, String allowedIpAddresses,
                             boolean selfManage) {
    /** IBM's defaults: empty languages, any address, not self-managed. */
    public static final MemberSettings DEFAULTS = new MemberSettings("", "", "", false);

    public MemberSettings {
        language = language == null ? "" : language;
        notificationLanguage = notificationLanguage == null ? "" : notificationLanguage;
        allowedIpAddresses = allowedIpAddresses == null ? "" : allowedIpAddresses;
    }
}

package dev.latchkey.core.settings;

import dev.latchkey.core.common.DomainException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A validated PUT: the settings it produces and the fields it names. Every present field is checked against
 * IBM's rules (reference §4) before anything is built, so an invalid request fails whole with a 400 that names
 * the field. Immutable.
 */
public record AccountSettingsChange(AccountSettings settings, List<String> fields) {
    static final List<String> RESTRICT_VALUES = List.of(AccountSettings.RESTRICTED, AccountSettings.NOT_RESTRICTED,
            AccountSettings.NOT_SET);
    static final List<String> VISIBILITY_VALUES = List.of(AccountSettings.RESTRICTED, AccountSettings.NOT_RESTRICTED);
    static final List<String> MFA_VALUES = List.of("NONE", "NONE_NO_ROPC", "TOTP", "TOTP4ALL", "LEVEL1", "LEVEL2",
            "LEVEL3");
    static final int MAX_LIST = 1000;
    static final int MAX_TEXT = 256;
    /** The longest history message (the store's column), and the longest value it quotes. */
    static final int MAX_MESSAGE = 1024;
    static final int MAX_SHOWN = 60;

    public AccountSettingsChange {
        fields = List.copyOf(fields);
    }

    /**
     * Validates {@code request} and applies it to {@code current}; the result has the next version.
     *
     * @param isMember tells whether an IAM id is a user of the account ({@code user_mfa} may name only those)
     * @throws DomainException INVALID_REQUEST naming the first field that is wrong
     */
    public static AccountSettingsChange of(AccountSettings current, UpdateAccountSettings request,
                                           Predicate<String> isMember) {
        List<String> fields = new ArrayList<>();
        String serviceId = oneOf(fields, "restrict_create_service_id", request.restrictCreateServiceId(),
                RESTRICT_VALUES, current.restrictCreateServiceId());
        String platformApikey = oneOf(fields, "restrict_create_platform_apikey", request.restrictCreatePlatformApikey(),
                RESTRICT_VALUES, current.restrictCreatePlatformApikey());
        String allowedIps = current.allowedIpAddresses();
        if (request.allowedIpAddresses() != null) {
            IpAllowList.parse(request.allowedIpAddresses());
            allowedIps = request.allowedIpAddresses();
            fields.add(IpAllowList.FIELD);
        }
        String mfa = oneOf(fields, "mfa", request.mfa(), MFA_VALUES, current.mfa());
        List<UserMfa> userMfa = current.userMfa();
        if (request.userMfa() != null) {
            userMfa = userMfa(request.userMfa(), isMember);
            fields.add("user_mfa");
        }
        String sessionExpiration = seconds(fields, "session_expiration_in_seconds",
                request.sessionExpirationInSeconds(), 900, 86_400, current.sessionExpirationInSeconds());
        String sessionInvalidation = seconds(fields, "session_invalidation_in_seconds",
                request.sessionInvalidationInSeconds(), 900, 7_200, current.sessionInvalidationInSeconds());
        String maxSessions = seconds(fields, "max_sessions_per_identity", request.maxSessionsPerIdentity(), 1,
                Integer.MAX_VALUE, current.maxSessionsPerIdentity());
        String accessToken = seconds(fields, "system_access_token_expiration_in_seconds",
                request.systemAccessTokenExpirationInSeconds(), 900, AccountSettings.MAX_ACCESS_TOKEN_LIFETIME_SECONDS,
                current.systemAccessTokenExpirationInSeconds());
        String refreshToken = seconds(fields, "system_refresh_token_expiration_in_seconds",
                request.systemRefreshTokenExpirationInSeconds(), 900, 259_200,
                current.systemRefreshTokenExpirationInSeconds());
        String visibility = oneOf(fields, "restrict_user_list_visibility", request.restrictUserListVisibility(),
                VISIBILITY_VALUES, current.restrictUserListVisibility());
        List<UserDomainRestriction> domains = current.restrictUserDomains();
        if (request.restrictUserDomains() != null) {
            domains = mergeDomains(domains, request.restrictUserDomains());
            fields.add("restrict_user_domains");
        }
        String maxLifetime = seconds(fields, "apikey_max_lifetime_days", request.apikeyMaxLifetimeDays(), 1,
                AccountSettings.MAX_APIKEY_DAYS, current.apikeyMaxLifetimeDays());
        String disableAfter = seconds(fields, "apikey_disable_after_inactive_days",
                request.apikeyDisableAfterInactiveDays(), 1, AccountSettings.MAX_APIKEY_DAYS,
                current.apikeyDisableAfterInactiveDays());
        return new AccountSettingsChange(new AccountSettings(current.accountId(), serviceId, platformApikey,
                allowedIps, mfa, userMfa, sessionExpiration, sessionInvalidation, maxSessions, accessToken,
                refreshToken, visibility, domains, current.version() + 1, maxLifetime, disableAfter,
                current.externalUser(), current.externalServiceId(), current.externalService()), fields);
    }

    /**
     * The history message of this change made to {@code before}: each named field that changed as
     * {@code field: old → new} (a list as its entry count, a long value shortened), or that nothing changed. Settings
     * hold no secrets; the message stays within {@value #MAX_MESSAGE} characters.
     */
    public String message(AccountSettings before) {
        List<String> changes = new ArrayList<>();
        for (String field : fields) {
            Object old = value(before, field);
            Object now = value(settings, field);
            if (now == null) {
                changes.add(field + " sent");
            } else if (!now.equals(old)) {
                changes.add(field + ": " + shown(old) + " → " + shown(now));
            }
        }
        String message = changes.isEmpty() ? "Account settings updated; no value changed."
                : "Account settings updated: " + String.join("; ", changes) + ".";
        return message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE - 1) + "…" : message;
    }

    private static Object value(AccountSettings s, String field) {
        return switch (field) {
            case "restrict_create_service_id" -> s.restrictCreateServiceId();
            case "restrict_create_platform_apikey" -> s.restrictCreatePlatformApikey();
            case IpAllowList.FIELD -> s.allowedIpAddresses();
            case "mfa" -> s.mfa();
            case "user_mfa" -> s.userMfa();
            case "session_expiration_in_seconds" -> s.sessionExpirationInSeconds();
            case "session_invalidation_in_seconds" -> s.sessionInvalidationInSeconds();
            case "max_sessions_per_identity" -> s.maxSessionsPerIdentity();
            case "system_access_token_expiration_in_seconds" -> s.systemAccessTokenExpirationInSeconds();
            case "system_refresh_token_expiration_in_seconds" -> s.systemRefreshTokenExpirationInSeconds();
            case "restrict_user_list_visibility" -> s.restrictUserListVisibility();
            case "restrict_user_domains" -> s.restrictUserDomains();
            case "apikey_max_lifetime_days" -> s.apikeyMaxLifetimeDays();
            case "apikey_disable_after_inactive_days" -> s.apikeyDisableAfterInactiveDays();
            // A setting this method does not know yet is named without values rather than failing the write.
            default -> null;
        };
    }

    /** A value as the history message shows it: quoted text, or a list's entry count. */
    private static String shown(Object value) {
        if (value instanceof List<?> list) {
            return list.size() + (list.size() == 1 ? " entry" : " entries");
        }
        String text = (String) value;
        return "'" + (text.length() > MAX_SHOWN ? text.substring(0, MAX_SHOWN) + "…" : text) + "'";
    }

    private static String oneOf(List<String> fields, String field, String value, List<String> allowed,
                                String current) {
        if (value == null) {
            return current;
        }
        if (!allowed.contains(value)) {
            throw invalid(field, value, "must be " + String.join(", ", allowed.subList(0, allowed.size() - 1))
                    + " or " + allowed.getLast());
        }
        fields.add(field);
        return value;
    }

    /** IBM's numeric settings (and Latchkey's day counts): a whole number as a string ("3600"), within bounds, or NOT_SET. */
    private static String seconds(List<String> fields, String field, String value, long min, long max,
                                  String current) {
        if (value == null) {
            return current;
        }
        if (!value.equals(AccountSettings.NOT_SET)) {
            boolean inRange = value.matches("[1-9]\\d{0,9}") && Long.parseLong(value) >= min
                    && Long.parseLong(value) <= max;
            if (!inRange) {
                String range = max == Integer.MAX_VALUE ? "a whole number greater than 0"
                        : "a whole number from " + min + " to " + max;
                throw invalid(field, value, "must be " + range + " (as a string, e.g. \"" + min + "\") or NOT_SET");
            }
        }
        fields.add(field);
        return value;
    }

    private static List<UserMfa> userMfa(List<UserMfa> requested, Predicate<String> isMember) {
        if (requested.size() > MAX_LIST) {
            throw DomainException.invalid("Field 'user_mfa' may hold at most " + MAX_LIST + " entries.");
        }
        Set<String> seen = new HashSet<>();
        List<UserMfa> result = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            UserMfa item = requested.get(i);
            String prefix = "user_mfa[" + i + "].";
            if (item.iamId() == null || item.iamId().isBlank()) {
                throw DomainException.invalid("Field '" + prefix + "iam_id' is required.");
            }
            if (item.mfa() == null) {
                throw DomainException.invalid("Field '" + prefix + "mfa' is required.");
            }
            if (!MFA_VALUES.contains(item.mfa())) {
                throw invalid(prefix + "mfa", item.mfa(), "must be one of " + String.join(", ", MFA_VALUES));
            }
            if (!seen.add(item.iamId())) {
                throw invalid(prefix + "iam_id", item.iamId(), "names a user that is already in the list");
            }
            if (item.iamId().length() > MAX_TEXT || !isMember.test(item.iamId())) {
                throw invalid(prefix + "iam_id", item.iamId(), "is not a user of this account");
            }
            result.add(item.withoutProfile());
        }
        return result;
    }

    /**
     * IBM's rule: an entry replaces the entry of its realm (or is added), and an entry with only {@code realm_id}
     * removes that realm's entry. Entries keep the order in which realms were first added.
     */
    private static List<UserDomainRestriction> mergeDomains(List<UserDomainRestriction> current,
                                                            List<UserDomainRestriction> requested) {
        Map<String, UserDomainRestriction> byRealm = new LinkedHashMap<>();
        current.forEach(entry -> byRealm.put(entry.realmId(), entry));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < requested.size(); i++) {
            UserDomainRestriction entry = requested.get(i);
            String prefix = "restrict_user_domains[" + i + "].";
            if (entry.realmId() == null || entry.realmId().isBlank()) {
                throw DomainException.invalid("Field '" + prefix + "realm_id' is required.");
            }
            if (entry.realmId().length() > MAX_TEXT) {
                throw DomainException.invalid("Field '" + prefix + "realm_id' must be at most " + MAX_TEXT
                        + " characters.");
            }
            if (!seen.add(entry.realmId())) {
                throw invalid(prefix + "realm_id", entry.realmId(), "names a realm that is already in the request");
            }
            List<String> patterns = entry.invitationEmailAllowPatterns();
            if (patterns != null) {
                if (patterns.size() > MAX_LIST) {
                    throw DomainException.invalid("Field '" + prefix + "invitation_email_allow_patterns' may hold at "
                            + "most " + MAX_LIST + " patterns.");
                }
                for (int p = 0; p < patterns.size(); p++) {
                    String pattern = patterns.get(p);
                    if (pattern == null || pattern.isBlank() || pattern.length() > MAX_TEXT) {
                        throw DomainException.invalid("Field '" + prefix + "invitation_email_allow_patterns[" + p
                                + "]' must be a non-empty e-mail pattern of at most " + MAX_TEXT + " characters.");
                    }
                }
            }
            if (entry.isRemoval()) {
                byRealm.remove(entry.realmId());
            } else {
                byRealm.put(entry.realmId(), entry);
            }
        }
        if (byRealm.size() > MAX_LIST) {
            throw DomainException.invalid("Field 'restrict_user_domains' may hold at most " + MAX_LIST + " realms.");
        }
        return List.copyOf(byRealm.values());
    }

    private static DomainException invalid(String field, String value, String rule) {
        String shown = value.length() > 60 ? value.substring(0, 60) + "…" : value;
        return DomainException.invalid("Field '" + field + "' " + rule + ", not '" + shown + "'.");
    }
}

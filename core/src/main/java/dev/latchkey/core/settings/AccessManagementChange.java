package dev.latchkey.core.settings;

import dev.latchkey.core.common.DomainException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A validated PATCH of IAM Access Management's account settings: the settings it produces (next version) and the
 * fields it names, for the settings history. Every present identity type needs {@code state} (enabled, monitor or
 * limited) and {@code external_allowed_accounts} (IBM: "the state and external_allowed_accounts fields are
 * required"); an invalid request fails whole with a 400 naming the field. Immutable.
 */
public record AccessManagementChange(AccountSettings settings, List<String> fields) {
    public static final String PREFIX = "external_account_identity_interaction.identity_types.";
    /** At most this many accounts per allowlist; each fits the store's column with room to spare. */
    public static final int MAX_ACCOUNTS = 100;
    private static final Pattern ACCOUNT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public AccessManagementChange {
        fields = List.copyOf(fields);
    }

    /** Validates {@code request} and applies it to {@code current}. */
    public static AccessManagementChange of(AccountSettings current, UpdateAccessManagementSettings request) {
        List<String> fields = new ArrayList<>();
        ExternalInteraction user = apply(fields, "user", request.user(), current.externalUser());
        ExternalInteraction serviceId = apply(fields, "service_id", request.serviceId(), current.externalServiceId());
        ExternalInteraction service = apply(fields, "service", request.service(), current.externalService());
        return new AccessManagementChange(current.withExternal(user, serviceId, service, current.version() + 1),
                fields);
    }

    /** The history message: each named identity type whose value changed, as {@code type: old → new}. */
    public String message(AccountSettings before) {
        List<String> changes = new ArrayList<>();
        for (String field : fields) {
            String old = shown(value(before, field));
            String now = shown(value(settings, field));
            if (!old.equals(now)) {
                changes.add(field + ": " + old + " → " + now);
            }
        }
        String message = changes.isEmpty() ? "Access management settings updated; no value changed."
                : "Access management settings updated: " + String.join("; ", changes) + ".";
        return message.length() > AccountSettingsChange.MAX_MESSAGE
                ? message.substring(0, AccountSettingsChange.MAX_MESSAGE - 1) + "…" : message;
    }

    private static ExternalInteraction value(AccountSettings s, String field) {
        return switch (field.substring(PREFIX.length())) {
            case "user" -> s.externalUser();
            case "service_id" -> s.externalServiceId();
            default -> s.externalService();
        };
    }

    /** A setting as the history shows it: its state and how many accounts its allowlist holds (not which). */
    private static String shown(ExternalInteraction value) {
        int n = value.externalAllowedAccounts().size();
        return "'" + value.state() + "' (" + n + (n == 1 ? " allowed account)" : " allowed accounts)");
    }

    private static ExternalInteraction apply(List<String> fields, String type, ExternalInteraction requested,
                                             ExternalInteraction current) {
        if (requested == null) {
            return current;
        }
        String field = PREFIX + type;
        if (requested.state() == null) {
            throw DomainException.invalid("Field '" + field + ".state' is required: enabled, monitor or limited.");
        }
        if (!ExternalInteraction.STATES.contains(requested.state())) {
            String shown = requested.state().length() > 60 ? requested.state().substring(0, 60) + "…"
                    : requested.state();
            throw DomainException.invalid("Field '" + field + ".state' must be enabled, monitor or limited, not '"
                    + shown + "'.");
        }
        List<String> accounts = requested.externalAllowedAccounts();
        if (accounts == null) {
            throw DomainException.invalid("Field '" + field + ".external_allowed_accounts' is required: a list of "
                    + "account IDs, empty for none.");
        }
        if (accounts.size() > MAX_ACCOUNTS) {
            throw DomainException.invalid("Field '" + field + ".external_allowed_accounts' may hold at most "
                    + MAX_ACCOUNTS + " account IDs.");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < accounts.size(); i++) {
            String account = accounts.get(i);
            String item = field + ".external_allowed_accounts[" + i + "]";
            if (account == null || !ACCOUNT_ID.matcher(account).matches()) {
                throw DomainException.invalid("Field '" + item + "' must be an account ID (1 to 64 letters, digits, "
                        + "'-' or '_').");
            }
            if (!seen.add(account)) {
                throw DomainException.invalid("Field '" + item + "' names account " + account
                        + ", which is already in the list.");
            }
        }
        fields.add(field);
        return new ExternalInteraction(requested.state(), accounts);
    }
}

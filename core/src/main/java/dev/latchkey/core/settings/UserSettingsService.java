package dev.latchkey.core.settings;

import dev.latchkey.core.access.AccessDecider;
import dev.latchkey.core.access.Resource;
import dev.latchkey.core.audit.AuditTarget;
import dev.latchkey.core.audit.AuditTrail;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.EntityTag;
import dev.latchkey.core.common.ErrorCode;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.common.Transactor;
import dev.latchkey.core.identity.MemberSettings;
import dev.latchkey.core.identity.Membership;
import dev.latchkey.core.identity.User;
import dev.latchkey.core.identity.UserService;
import dev.latchkey.core.identity.UserStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A user's settings in one account (IBM User Management's {@code …/users/{iam_id}/settings}): the console and
 * notification languages, the addresses tokens for the account may be requested from, and {@code self_manage}.
 * They are stored with the membership, which the token path reads anyway, so the address list is enforced at token
 * exchange without a read of its own (decision 0044).
 *
 * <p>Who may do what, as IBM documents it: reading needs {@value UserService#READ} on User Management or being
 * the user; changing every field needs {@value UserService#UPDATE} there (Editor and up; the account owner). Without
 * it a user changes only their own languages, and their own {@code allowed_ip_addresses} only while
 * {@code self_manage} is on; {@code self_manage} itself only with the role. Thread-safe.
 */
public final class UserSettingsService {
    /** The audit action of a change. */
    public static final String AUDIT_ACTION = "user-management.user-settings.update";
    static final int MAX_LANGUAGE = 35;
    static final int MAX_MESSAGE = 1024;
    private static final int MAX_SHOWN = 60;
    /** A language tag as IBM's console sends them ({@code en}, {@code pt-br}, {@code zh_TW}): letters, then subtags. */
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,8}([-_][A-Za-z0-9]{1,8})*");
    private static final String USER_MANAGEMENT = "user-management";

    private final Transactor tx;
    private final UserStore users;
    private final AccessDecider access;
    private final AuditTrail audit;

    /** A PATCH as sent: null fields were not sent and stay as they are. */
    public record Change(String language, String notificationLanguage, String allowedIpAddresses,
                         Boolean selfManage) {
    }

    /** What a caller may change of one user's settings; the console shows the others read-only. */
    public record Editable(boolean languages, boolean allowedIpAddresses, boolean selfManage) {
        public boolean any() {
            return languages || allowedIpAddresses || selfManage;
        }
    }

    public UserSettingsService(Transactor tx, UserStore users, AccessDecider access, AuditTrail audit) {
        this.tx = tx;
        this.users = users;
        this.access = access;
        this.audit = audit;
    }

    /** The user's membership of the account, whose {@link Membership#settings()} these are. */
    public Membership get(Principal caller, String accountId, String iamId) {
        requireAccount(caller, accountId);
        if (!iamId.equals(caller.iamId())) {
            access.require(caller, UserService.READ, userManagement(accountId), "view the settings of the users of "
                    + "account " + accountId);
        }
        return membership(accountId, iamId);
    }

    /** Which fields {@code caller} may change in {@code membership}'s settings. */
    public Editable editable(Principal caller, Membership membership) {
        if (!caller.accountId().equals(membership.accountId())) {
            return new Editable(false, false, false);
        }
        if (access.permits(caller, UserService.UPDATE, userManagement(membership.accountId()))) {
            return new Editable(true, true, true);
        }
        boolean self = caller.iamId().equals(membership.iamId());
        return new Editable(self, self && membership.settings().selfManage(), false);
    }

    /**
     * Applies a PATCH. {@code ifMatch} is optional (IBM's SDK sends none); when sent it must name the current
     * version ({@code *} for any), and a concurrent change is a 409 either way. Fields the caller may not change are
     * a 403 naming the field unless sent unchanged; an invalid field is a 400 naming it; nothing is written then. A
     * change that changes nothing writes nothing. Every node applies a new address list from the next token request
     * on: the write evicts the cached membership through the change feed.
     */
    public Membership update(Principal caller, String accountId, String iamId, String ifMatch, Change change) {
        requireAccount(caller, accountId);
        boolean self = iamId.equals(caller.iamId());
        boolean manager = access.permits(caller, UserService.UPDATE, userManagement(accountId));
        if (!self && !manager) {
            access.require(caller, UserService.UPDATE, userManagement(accountId),
                    "change the settings of the users of account " + accountId);
        }
        Membership current = membership(accountId, iamId);
        MemberSettings before = current.settings();
        if (!manager) {
            if (change.selfManage() != null && change.selfManage() != before.selfManage()) {
                throw DomainException.forbidden("Only the account owner and holders of " + UserService.UPDATE
                        + " on User Management may change 'self_manage'.");
            }
            if (change.allowedIpAddresses() != null && !before.selfManage()
                    && !change.allowedIpAddresses().strip().equals(before.allowedIpAddresses())) {
                throw DomainException.forbidden("You may change your own 'allowed_ip_addresses' only while "
                        + "'self_manage' is on; ask the account owner or a User Management editor.");
            }
        }
        if (ifMatch != null && !ifMatch.isBlank()) {
            EntityTag.requireMatch(ifMatch, accountId + "/" + iamId, current.version());
        }
        MemberSettings after = new MemberSettings(
                language(change.language(), before.language(), "language"),
                language(change.notificationLanguage(), before.notificationLanguage(), "notification_language"),
                allowList(change.allowedIpAddresses(), before.allowedIpAddresses()),
                change.selfManage() == null ? before.selfManage() : change.selfManage());
        List<String> fields = new ArrayList<>();
        List<String> changes = new ArrayList<>();
        changed(fields, changes, "language", before.language(), after.language());
        changed(fields, changes, "notification_language", before.notificationLanguage(), after.notificationLanguage());
        changed(fields, changes, "allowed_ip_addresses", before.allowedIpAddresses(), after.allowedIpAddresses());
        changed(fields, changes, "self_manage", Boolean.toString(before.selfManage()),
                Boolean.toString(after.selfManage()));
        if (fields.isEmpty()) {
            return current;
        }
        String message = "User settings updated: " + String.join("; ", changes) + ".";
        String shownMessage = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE - 1) + "…" : message;
        return tx.inTransaction(() -> {
            if (!users.updateMember(accountId, iamId, current.profile(), after, current.version())) {
                throw new DomainException(ErrorCode.ENTITY_TAG_MISMATCH, "The user's profile or settings were "
                        + "changed by another request at the same time; read them again and retry.");
            }
            audit.record(caller, accountId, AUDIT_ACTION, AuditTarget.of("user", iamId,
                    users.find(iamId).map(User::email).orElse(null)),
                    Map.of("fields", String.join(",", fields), "change", shownMessage));
            return current.with(current.profile(), after);
        });
    }

    private Membership membership(String accountId, String iamId) {
        return users.membership(accountId, iamId).orElseThrow(() -> DomainException.notFound("User", iamId));
    }

    private static void changed(List<String> fields, List<String> changes, String field, String before,
                                String after) {
        if (!Objects.equals(before, after)) {
            fields.add(field);
            changes.add(field + ": " + shown(before) + " → " + shown(after));
        }
    }

    private static String shown(String value) {
        return "'" + (value.length() > MAX_SHOWN ? value.substring(0, MAX_SHOWN) + "…" : value) + "'";
    }

    /** A language tag, or empty for the default; null keeps {@code current}. */
    static String language(String sent, String current, String field) {
        if (sent == null) {
            return current;
        }
        String value = sent.strip();
        if (!value.isEmpty() && (value.length() > MAX_LANGUAGE || !LANGUAGE.matcher(value).matches())) {
            throw DomainException.invalid("Field '" + field + "' must be a language tag such as 'en', 'fr' or "
                    + "'pt-br' (at most " + MAX_LANGUAGE + " characters), or empty for the default; got '"
                    + (value.length() > MAX_SHOWN ? value.substring(0, MAX_SHOWN) + "…" : value) + "'.");
        }
        return value;
    }

    /** An address list in the account allow-list's syntax, parsed to refuse what would not parse; kept as sent. */
    private static String allowList(String sent, String current) {
        if (sent == null) {
            return current;
        }
        IpAllowList.parse(sent);
        return sent.strip();
    }

    private static void requireAccount(Principal caller, String accountId) {
        if (!caller.accountId().equals(accountId)) {
            throw DomainException.forbidden("Your access token is for account " + caller.accountId()
                    + ", not for account " + accountId + ".");
        }
    }

    private static Resource userManagement(String accountId) {
        return Resource.service(accountId, USER_MANAGEMENT);
    }
}

package dev.latchkey.console.audit;

import dev.latchkey.console.Access;
import dev.latchkey.console.Chrome;
import dev.latchkey.console.ConsoleServices;
import dev.latchkey.console.Pages;
import dev.latchkey.console.Urls;
import dev.latchkey.console.Visit;
import dev.latchkey.core.audit.AuditEvent;
import dev.latchkey.core.audit.AuditLog;
import dev.latchkey.core.audit.AuditPage;
import dev.latchkey.core.audit.AuditQuery;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.IamIds;
import dev.latchkey.core.common.Principal;
import dev.latchkey.http.WireError;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Manage &gt; Access (IAM) &gt; Audit log: the account's audit events, newest first, filtered by action, actor,
 * target id and a span of days (UTC; both days included), paged by the seq cursor ({@code before}) as "Older
 * events". Reading is {@link AuditLog#list} with the signed-in principal, exactly as the audit route calls it: the
 * account owner and Viewer and up on {@value AuditLog#SERVICE} read it; anyone else gets the service's refusal as the
 * console's 403 page, and the navigation does not offer the page to them ({@link AuditLog#mayRead}).
 */
public final class AuditPages {
    public static final String PATH = "/iam/audit";
    /** The longest text filter, as the audit route allows. */
    private static final int MAX_FILTER = 256;
    private static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 31);
    private final ConsoleServices services;

    public AuditPages(ConsoleServices services) {
        this.services = services;
    }

    public void register(Pages pages) {
        pages.get(PATH, Access.SIGNED_IN, this::show);
    }

    /** The audit log filtered by one target: the link on an API key's or a service ID's page. */
    public static String forTarget(String targetId) {
        return PATH + "?target_id=" + Urls.encode(targetId);
    }

    /** Whether {@code me} may read the audit log of the account they act in: the links to it are shown to these. */
    public static boolean mayRead(ConsoleServices services, Principal me) {
        return services.audit().mayRead(me, me.accountId());
    }

    private void show(Visit visit) {
        Principal me = visit.principal();
        AuditLogView.Filters filters = new AuditLogView.Filters(value(visit, "action"), value(visit, "actor"),
                value(visit, "target_id"), value(visit, "from"), value(visit, "to"));
        AuditQuery query;
        try {
            query = query(me.accountId(), filters, visit.query("before"));
        } catch (DomainException refused) {
            if (!services.audit().mayRead(me, me.accountId())) {
                // whoever may not read the log learns nothing from its filters: the service's own refusal comes first
                services.audit().list(me, new AuditQuery(me.accountId(), null, null, null, null, null, null, 1));
            }
            visit.render(WireError.of(refused.errorCode()).status(), "audit.jte", new AuditLogView(chrome(visit), filters,
                    refused.getMessage(), List.of(), null, null));
            return;
        }
        AuditPage page = services.audit().list(me, query);
        Map<String, String> names = new HashMap<>();
        List<AuditLogView.Row> rows = page.events().stream().map(e -> new AuditLogView.Row(e.seq(), e.time(),
                names.computeIfAbsent(e.actor(), actor -> actorName(me, actor)), e.actor(), e.actorAddress(),
                e.traceId(), e.action(), AuditLogView.targetType(e.target().type()), e.target().name(),
                e.target().id(), e.outcome() == AuditEvent.Outcome.FAILURE, e.details())).toList();
        visit.render("audit.jte", new AuditLogView(chrome(visit), filters, null, rows, query.before(), page.next()));
    }

    private static Chrome chrome(Visit visit) {
        return visit.chrome("Audit log", "Audit log");
    }

    /** A query parameter as the form shows it again: stripped, empty for none. */
    private static String value(Visit visit, String name) {
        String value = visit.query(name);
        return value == null ? "" : value;
    }

    /**
     * The filters as the audit route reads its parameters (text of at most {@value #MAX_FILTER} characters, a
     * {@code from} before the {@code to}, a positive cursor), with days for the date-times: from the start of the
     * first day to the end of the last, in UTC.
     */
    static AuditQuery query(String accountId, AuditLogView.Filters f, String before) {
        Instant from = f.from().isEmpty() ? null : day(f.from(), "From").atStartOfDay(ZoneOffset.UTC).toInstant();
        LocalDate last = f.to().isEmpty() ? null : day(f.to(), "To");
        Instant to = last == null || last.equals(LAST_DAY) ? null
                : last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        if (from != null && last != null && from.isAfter(last.atStartOfDay(ZoneOffset.UTC).toInstant())) {
            throw DomainException.invalid("'From' (" + f.from() + ") must not be after 'To' (" + f.to() + ").");
        }
        return new AuditQuery(accountId, from, to, text(f.actor(), "actor"), text(f.action(), "action"),
                text(f.targetId(), "target_id"), cursor(before), Visit.PAGE_SIZE);
    }

    private static LocalDate day(String value, String label) {
        try {
            LocalDate day = LocalDate.parse(value);
            if (day.getYear() >= 1 && !day.isAfter(LAST_DAY)) {
                return day;
            }
        } catch (DateTimeParseException e) {
            // refused below
        }
        throw DomainException.invalid("'" + label + "' must be a date like 2030-01-31, got '"
                + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "'.");
    }

    private static String text(String value, String param) {
        if (value.isEmpty()) {
            return null;
        }
        if (value.length() > MAX_FILTER) {
            throw DomainException.invalid("Parameter '" + param + "' must be at most " + MAX_FILTER + " characters.");
        }
        return value;
    }

    /** The seq below which this page starts; null for the newest events. */
    private static Long cursor(String before) {
        if (before == null) {
            return null;
        }
        if (before.matches("[0-9]{1,18}") && Long.parseLong(before) > 0) {
            return Long.parseLong(before);
        }
        throw DomainException.invalid("Parameter 'before' is not a page of this log; start from the newest events.");
    }

    /**
     * Who acted, as the console names people elsewhere: a user's e-mail or a service ID's name where the viewer may
     * read them, "System" for scheduled work; else the IAM ID (a viewer who reads only the log, a deleted user).
     */
    private String actorName(Principal me, String actor) {
        if (AuditEvent.SYSTEM.equals(actor)) {
            return "System";
        }
        try {
            if (IamIds.isServiceId(actor)) {
                return services.serviceIds().get(me, IamIds.serviceIdOf(actor)).name();
            }
            return services.users().get(me, me.accountId(), actor).user().email();
        } catch (DomainException | IllegalArgumentException notVisible) {
            return actor;
        }
    }
}

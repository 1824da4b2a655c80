package dev.latchkey.http.audit;

import dev.latchkey.core.audit.AuditEvent;
import dev.latchkey.core.audit.AuditLog;
import dev.latchkey.core.audit.AuditPage;
import dev.latchkey.core.audit.AuditQuery;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.Principal;
import dev.latchkey.http.Audience;
import dev.latchkey.http.IbmDates;
import dev.latchkey.http.Json;
import dev.latchkey.http.Paging;
import dev.latchkey.http.RouteTable;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/accounts/{account_id}/audit_events}: the account's audit trail, newest first, filtered by {@code
 * from} and {@code to} (IBM date-times; from inclusive, to exclusive), {@code actor}, {@code action} and {@code
 * target_id}, paged by {@code pagesize} (1–100, default 20) and the opaque {@code pagetoken} of {@code next}. Who may
 * read it is decided in {@link AuditLog}: the account owner, and Viewer or higher on the {@value AuditLog#SERVICE}
 * service.
 */
public final class AuditRoutes {
    static final String EVENTS = "/v1/accounts/{account_id}/audit_events";
    private static final int MAX_FILTER = 256;
    private final AuditLog log;
    private final Paging paging;

    public AuditRoutes(AuditLog log, Paging paging) {
        this.log = log;
        this.paging = paging;
    }

    public void register(RouteTable routes) {
        routes.get(EVENTS, Audience.AUTHENTICATED, this::list);
    }

    private void list(Context ctx, Principal caller) {
        int size = Paging.size(ctx);
        Instant from = instant(ctx, "from");
        Instant to = instant(ctx, "to");
        if (from != null && to != null && !from.isBefore(to)) {
            throw DomainException.invalid("Parameter 'from' must be before 'to'.");
        }
        AuditPage page = log.list(caller, new AuditQuery(ctx.pathParam("account_id"), from, to, text(ctx, "actor"),
                text(ctx, "action"), text(ctx, "target_id"), cursor(ctx), size));
        Json.send(ctx, 200, new EventsWire(size, paging.url(ctx, "pagetoken", null),
                page.next() == null ? null : paging.url(ctx, "pagetoken", token(page.next())),
                page.events().stream().map(EventWire::of).toList()));
    }

    private static Instant instant(Context ctx, String param) {
        String value = ctx.queryParam(param);
        return value == null || value.isEmpty() ? null : IbmDates.parse(param, value);
    }

    private static String text(Context ctx, String param) {
        String value = ctx.queryParam(param);
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() > MAX_FILTER) {
            throw DomainException.invalid("Parameter '" + param + "' must be at most " + MAX_FILTER + " characters.");
        }
        return value;
    }

    /** The seq below which the next page starts, from the opaque {@code pagetoken}; null for the first page. */
    private static Long cursor(Context ctx) {
        String token = ctx.queryParam("pagetoken");
        if (token == null || token.isEmpty()) {
            return null;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
            if (decoded.startsWith("s:")) {
                long seq = Long.parseLong(decoded.substring(2));
                if (seq > 0) {
                    return seq;
                }
            }
        } catch (IllegalArgumentException e) {
            // fall through to the error below
        }
        throw DomainException.invalid("Parameter 'pagetoken' is not a token this server issued; start from the first page.");
    }

    static String token(long seq) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("s:" + seq).getBytes(StandardCharsets.US_ASCII));
    }

    /** One page: {@code next} is absent on the last. */
    record EventsWire(int limit, String first, String next, List<EventWire> events) {
    }

    record ActorWire(String iamId, String address) {
    }

    record TargetWire(String type, String id, String name) {
    }

    /**
     * One event as stored, its chain position and hashes included, so a reader can check the chain itself: the time
     * is ISO-8601 to the millisecond, exactly as the hash covers it.
     */
    public record EventWire(String id, long seq, String accountId, String time, ActorWire actor, String traceId,
                            String action, TargetWire target, String outcome, Map<String, String> details,
                            String previousHash, String hash) {
        public static EventWire of(AuditEvent e) {
            return new EventWire(e.id(), e.seq(), e.accountId(), e.time().toString(),
                    new ActorWire(e.actor(), e.actorAddress()), e.traceId(), e.action(),
                    new TargetWire(e.target().type(), e.target().id(), e.target().name()), e.outcome().wire(),
                    e.details(), e.previousHash(), e.hash());
        }
    }
}

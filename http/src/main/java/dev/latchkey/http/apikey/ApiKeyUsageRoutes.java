package dev.latchkey.http.apikey;

import dev.latchkey.core.apikey.ApiKeyService;
import dev.latchkey.core.apikey.KeyUsage;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.Principal;
import dev.latchkey.http.Audience;
import dev.latchkey.http.Json;
import dev.latchkey.http.RouteTable;
import io.javalin.http.Context;
import java.util.List;

/**
 * {@code GET /v1/apikeys/{id}/usage?days=N}: a key's token exchanges per UTC day over the last {@code days} days
 * (1–90, default 90), every day listed oldest first, and their total. A Latchkey route (IBM has none like it); who
 * may read it is who may view the key, decided in {@link ApiKeyService#usage}.
 */
public final class ApiKeyUsageRoutes {
    private final ApiKeyService service;

    public ApiKeyUsageRoutes(ApiKeyService service) {
        this.service = service;
    }

    public void register(RouteTable routes) {
        routes.get("/v1/apikeys/{id}/usage", Audience.AUTHENTICATED, this::usage);
    }

    private void usage(Context ctx, Principal caller) {
        Json.send(ctx, 200, UsageWire.of(service.usage(caller, ctx.pathParam("id"), days(ctx.queryParam("days")))));
    }

    /** The {@code days} parameter as a number, null when absent; its range is the service's rule. */
    static Integer days(String value) {
        if (value == null) {
            return null;
        }
        if (!value.strip().matches("[0-9]{1,9}")) {
            throw DomainException.invalid("Parameter 'days' must be a whole number from 1 to "
                    + KeyUsage.RETENTION_DAYS + ", not '" + value + "'.");
        }
        return Integer.parseInt(value.strip());
    }

    /** The answer: the key, each day ({@code 2026-12-05}, UTC) with its count, oldest first, and the sum. */
    record UsageWire(String apikeyId, List<DayWire> usage, long totalTokenExchanges) {
        static UsageWire of(KeyUsage u) {
            return new UsageWire(u.keyId(), u.days().stream()
                    .map(d -> new DayWire(d.date().toString(), d.tokenExchanges())).toList(), u.total());
        }
    }

    record DayWire(String date, long tokenExchanges) {
    }
}

package dev.latchkey.http.apikey;

import dev.latchkey.core.apikey.ApiKey;
import dev.latchkey.core.apikey.LongLivedKeys;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.settings.AccountSettings;
import dev.latchkey.http.Audience;
import dev.latchkey.http.IbmDates;
import dev.latchkey.http.Json;
import dev.latchkey.http.Paging;
import dev.latchkey.http.RouteTable;
import io.javalin.http.Context;
import java.util.List;

/**
 * Latchkey's lifetime report, {@code GET /v1/accounts/{account_id}/settings/identity/long_lived_apikeys}: the user
 * and service ID keys that outlive the account's {@code apikey_max_lifetime_days}, in IBM's key shape with IBM's
 * paging, each with the latest expiry the rule allows it. Who may read it is decided in {@link LongLivedKeys}
 * (an Administrator of the IAM Identity service).
 */
public final class LongLivedKeyRoutes {
    static final String REPORT = "/v1/accounts/{account_id}/settings/identity/long_lived_apikeys";
    private final LongLivedKeys report;
    private final Paging paging;

    public LongLivedKeyRoutes(LongLivedKeys report, Paging paging) {
        this.report = report;
        this.paging = paging;
    }

    /**
     * The report's answer: the setting as the settings echo it, and the keys that outlive it, oldest first.
     *
     * @param apikeyMaxLifetimeDays the setting ({@code "90"}, or {@code "NOT_SET"} with no keys)
     */
    record ReportWire(String accountId, String apikeyMaxLifetimeDays, long offset, long limit, String first,
                      String previous, String next, List<LongLivedWire> apikeys) {
    }

    /** A key as {@code GET /v1/apikeys} shows it, and the latest expiry the rule allows it. */
    record LongLivedWire(String id, String name, String iamId, String createdBy, String createdAt, String expiresAt,
                         String latestAllowedExpiresAt, boolean disabled, boolean locked, String crn) {
        static LongLivedWire of(ApiKey k, LongLivedKeys.Report report) {
            return new LongLivedWire(k.id(), k.name(), k.iamId(), k.createdBy(), IbmDates.format(k.createdAt()),
                    k.expiresAt() == null ? null : IbmDates.format(k.expiresAt()),
                    IbmDates.format(report.latestExpiry(k)), k.disabled(), k.locked(), k.crn());
        }
    }

    public void register(RouteTable routes) {
        routes.get(REPORT, Audience.AUTHENTICATED, this::list);
    }

    private void list(Context ctx, Principal caller) {
        int limit = Paging.size(ctx);
        int offset = Paging.offset(ctx);
        LongLivedKeys.Report page = report.list(caller, ctx.pathParam("account_id"), offset, limit);
        List<LongLivedWire> items = page.keys().items().stream().map(k -> LongLivedWire.of(k, page)).toList();
        Json.send(ctx, 200, new ReportWire(page.accountId(), page.maxLifetimeDays().isEmpty() ? AccountSettings.NOT_SET
                : String.valueOf(page.maxLifetimeDays().getAsInt()), offset, limit, paging.url(ctx, null),
                offset > 0 ? paging.url(ctx, Math.max(0, offset - limit)) : null,
                page.keys().hasMore() ? paging.url(ctx, offset + limit) : null, items));
    }
}

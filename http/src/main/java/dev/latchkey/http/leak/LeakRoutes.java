package dev.latchkey.http.leak;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.http.HttpRefusal;
import dev.latchkey.http.WireError;
import dev.latchkey.http.IbmDates;
import dev.latchkey.core.common.Page;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.common.Secret;
import dev.latchkey.core.leak.LeakReport;
import dev.latchkey.core.leak.LeakService;
import dev.latchkey.http.Audience;
import dev.latchkey.http.Json;
import dev.latchkey.http.JsonBody;
import dev.latchkey.http.Paging;
import dev.latchkey.http.RouteTable;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;

/**
 * Leak intake and review (a Latchkey API; IBM publishes none): GitHub's secret-scanning partner endpoint, the
 * same intake for anyone holding a token, and the review of an account's leaked keys.
 */
public final class LeakRoutes {
    public static final String GITHUB_REPORTER = "github-secret-scanning";
    private final LeakService leaks;
    private final GithubSignatures github;
    private final Paging paging;

    /** GitHub's feedback format, by hash: the raw token is never echoed. */
    record VerdictWire(String tokenHash, String tokenType, String label) {
    }

    record ReviewWire(String id, String keyId, String keyName, String displayPrefix, String iamId, String url,
                      String source, String reportedBy, String reportedAt, String actionTaken, String lastAuthn,
                      long authnCount, long authnCountSinceReport) {
    }

    record ReviewListWire(long offset, long limit, String next, List<ReviewWire> leaks) {
    }

    public LeakRoutes(LeakService leaks, GithubSignatures github, Paging paging) {
        this.leaks = leaks;
        this.github = github;
        this.paging = paging;
    }

    public void register(RouteTable routes) {
        routes.post("/v1/leaks", Audience.AUTHENTICATED, (ctx, caller) -> intake(ctx, caller.iamId()));
        // Public, but every request must carry a valid GitHub signature over its body.
        routes.post("/v1/leaks/github", Audience.PUBLIC, (ctx, caller) -> {
            String problem = github.problem(ctx.header("Github-Public-Key-Identifier"),
                    ctx.header("Github-Public-Key-Signature"), ctx.bodyAsBytes());
            if (problem != null) {
                throw new HttpRefusal(WireError.INVALID_ACCESS_TOKEN, "Refused: " + problem + ".");
            }
            intake(ctx, GITHUB_REPORTER);
        });
        routes.get("/v1/leaks", Audience.AUTHENTICATED, this::review);
    }

    private void intake(Context ctx, String reporter) {
        JsonNode body = JsonBody.parse(ctx.bodyAsBytes());
        if (body == null || !body.isArray()) {
            throw new HttpRefusal(WireError.MALFORMED_BODY,
                    "The request body must be a JSON array of {token, type, url, source}.");
        }
        if (body.size() > LeakService.MAX_BATCH) {
            throw DomainException.invalid("At most " + LeakService.MAX_BATCH + " tokens per report.");
        }
        List<LeakReport> reports = new ArrayList<>(body.size());
        for (int i = 0; i < body.size(); i++) {
            JsonBody item = JsonBody.element(body.get(i), "[" + i + "]");
            String token = item.string("token");
            if (token == null || token.isBlank()) {
                throw DomainException.invalid("Field '[" + i + "].token' is required.");
            }
            reports.add(new LeakReport(new Secret(token), item.string("type"), item.string("url"), item.string("source")));
        }
        Json.send(ctx, 200, leaks.report(reports, reporter).stream()
                .map(v -> new VerdictWire(v.tokenHash(), v.tokenType(), v.label())).toList());
    }

    private void review(Context ctx, Principal caller) {
        String accountId = ctx.queryParam("account_id") == null ? caller.accountId() : ctx.queryParam("account_id");
        int limit = Paging.size(ctx);
        int offset = Paging.offset(ctx);
        Page<LeakService.Review> page = leaks.review(caller, accountId, offset, limit);
        List<ReviewWire> items = page.items().stream().map(r -> new ReviewWire(r.sighting().id(), r.sighting().keyId(),
                r.sighting().keyName(), r.sighting().displayPrefix(), r.sighting().iamId(), r.sighting().url(),
                r.sighting().source(), r.sighting().reportedBy(), IbmDates.format(r.sighting().reportedAt()),
                r.sighting().action(), r.activityNow() == null ? null : IbmDates.format(r.activityNow().lastAuthn()),
                r.activityNow() == null ? 0 : r.activityNow().authnCount(), r.authnSinceReport())).toList();
        Json.send(ctx, 200, new ReviewListWire(offset, limit, page.hasMore() ? paging.url(ctx, offset + limit) : null,
                items));
    }
}

package dev.latchkey.http.identity;

import dev.latchkey.core.common.Principal;
import dev.latchkey.core.identity.MemberSettings;
import dev.latchkey.core.identity.Membership;
import dev.latchkey.core.identity.UserService;
import dev.latchkey.core.settings.UserSettingsService;
import dev.latchkey.http.Audience;
import dev.latchkey.http.Json;
import dev.latchkey.http.JsonBody;
import dev.latchkey.http.RouteTable;
import io.javalin.http.Context;
import java.util.Set;

/**
 * IBM User Management's user settings, {@code GET}/{@code PATCH /v2/accounts/{account_id}/users/{iam_id}/settings}:
 * languages, the user's allowed addresses in the account (enforced at token exchange) and {@code self_manage}. The
 * PATCH answers 204 as IBM's does; an {@code If-Match} is honoured when sent, and {@code Etag} carries the tag. Who
 * may change which field is decided in {@link UserSettingsService} (decision 0044).
 */
public final class UserSettingsRoutes {
    static final String SETTINGS = "/v2/accounts/{account_id}/users/{iam_id}/settings";
    private static final Set<String> FIELDS = Set.of("language", "notification_language", "allowed_ip_addresses",
            "self_manage");

    private final UserSettingsService settings;

    /** IBM's {@code UserSettings}. */
    record SettingsWire(String language, String notificationLanguage, String allowedIpAddresses, boolean selfManage) {
        static SettingsWire of(MemberSettings s) {
            return new SettingsWire(s.language(), s.notificationLanguage(), s.allowedIpAddresses(), s.selfManage());
        }
    }

    public UserSettingsRoutes(UserSettingsService settings) {
        this.settings = settings;
    }

    public void register(RouteTable routes) {
        routes.get(SETTINGS, Audience.AUTHENTICATED, this::get);
        routes.patch(SETTINGS, Audience.AUTHENTICATED, this::update);
    }

    private void get(Context ctx, Principal caller) {
        Membership membership = settings.get(caller, ctx.pathParam("account_id"), ctx.pathParam("iam_id"));
        ctx.header("Etag", UserService.Member.entityTag(membership));
        Json.send(ctx, 200, SettingsWire.of(membership.settings()));
    }

    private void update(Context ctx, Principal caller) {
        JsonBody body = JsonBody.of(ctx);
        body.requireKnownFields(FIELDS);
        Membership membership = settings.update(caller, ctx.pathParam("account_id"), ctx.pathParam("iam_id"),
                ctx.header("If-Match"), new UserSettingsService.Change(body.string("language"),
                        body.string("notification_language"), body.string("allowed_ip_addresses"),
                        body.bool("self_manage")));
        ctx.header("Etag", UserService.Member.entityTag(membership));
        ctx.status(204);
    }
}

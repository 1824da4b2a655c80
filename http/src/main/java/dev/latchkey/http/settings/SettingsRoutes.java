package dev.latchkey.http.settings;

import dev.latchkey.core.common.Principal;
import dev.latchkey.core.settings.AccountSettings;
import dev.latchkey.core.settings.AccountSettingsService;
import dev.latchkey.core.settings.UpdateAccountSettings;
import dev.latchkey.core.settings.UserDomainRestriction;
import dev.latchkey.core.settings.UserMfa;
import dev.latchkey.http.Audience;
import dev.latchkey.http.Json;
import dev.latchkey.http.JsonBody;
import dev.latchkey.http.QueryParams;
import dev.latchkey.http.RouteTable;
import io.javalin.http.Context;
import java.util.List;
import java.util.Set;

/**
 * IBM IAM Identity's account settings routes (reference §4): read and change
 * {@code /v1/accounts/{account_id}/settings/identity} with {@code Etag}/{@code If-Match}, and read the effective
 * settings. Latchkey's own {@code apikey_max_lifetime_days} and {@code apikey_disable_after_inactive_days} sit
 * beside IBM's, in the same shape (strings, NOT_SET). Who may do which is decided in {@link AccountSettingsService}.
 */
public final class SettingsRoutes {
    static final String SETTINGS = "/v1/accounts/{account_id}/settings/identity";
    static final String EFFECTIVE = "/v1/accounts/{account_id}/effective_settings/identity";
    private static final Set<String> SETTING_FIELDS = Set.of("restrict_create_service_id",
            "restrict_create_platform_apikey", "allowed_ip_addresses", "mfa", "user_mfa",
            "session_expiration_in_seconds", "session_invalidation_in_seconds", "max_sessions_per_identity",
            "system_access_token_expiration_in_seconds", "system_refresh_token_expiration_in_seconds",
            "restrict_user_list_visibility", "restrict_user_domains", "apikey_max_lifetime_days",
            "apikey_disable_after_inactive_days");
    /** Read-only fields a client may send back from a GET; they are ignored. */
    private static final Set<String> READ_ONLY_FIELDS = Set.of("account_id", "entity_tag", "history", "context");
    private static final Set<String> PUT_FIELDS = union(SETTING_FIELDS, READ_ONLY_FIELDS);
    private static final Set<String> USER_MFA_FIELDS = Set.of("iam_id", "mfa", "name", "userName", "email",
            "description");
    private static final Set<String> DOMAIN_FIELDS = Set.of("realm_id", "invitation_email_allow_patterns",
            "restrict_invitation");

    private final AccountSettingsService service;

    public SettingsRoutes(AccountSettingsService service) {
        this.service = service;
    }

    public void register(RouteTable routes) {
        routes.get(SETTINGS, Audience.AUTHENTICATED, this::get);
        routes.put(SETTINGS, Audience.AUTHENTICATED, this::update);
        routes.get(EFFECTIVE, Audience.AUTHENTICATED, this::effective);
    }

    private void get(Context ctx, Principal caller) {
        String accountId = ctx.pathParam("account_id");
        AccountSettings settings = service.get(caller, accountId);
        boolean history = QueryParams.bool(ctx, "include_history");
        ctx.header("Etag", AccountSettingsService.entityTag(settings));
        Json.send(ctx, 200, SettingsWire.of(settings, userMfa(ctx, settings),
                history ? service.history(caller, accountId) : null));
    }

    private void update(Context ctx, Principal caller) {
        JsonBody body = JsonBody.of(ctx);
        body.requireKnownFields(PUT_FIELDS);
        UpdateAccountSettings request = new UpdateAccountSettings(body.string("restrict_create_service_id"),
                body.string("restrict_create_platform_apikey"), body.string("allowed_ip_addresses"),
                body.string("mfa"), userMfa(body.objects("user_mfa")), body.string("session_expiration_in_seconds"),
                body.string("session_invalidation_in_seconds"), body.string("max_sessions_per_identity"),
                body.string("system_access_token_expiration_in_seconds"),
                body.string("system_refresh_token_expiration_in_seconds"),
                body.string("restrict_user_list_visibility"), domains(body.objects("restrict_user_domains")),
                body.string("apikey_max_lifetime_days"), body.string("apikey_disable_after_inactive_days"));
        AccountSettings settings = service.update(caller, ctx.pathParam("account_id"), ctx.header("If-Match"),
                request);
        ctx.header("Etag", AccountSettingsService.entityTag(settings));
        Json.send(ctx, 200, SettingsWire.of(settings, settings.userMfa(), null));
    }

    private void effective(Context ctx, Principal caller) {
        String accountId = ctx.pathParam("account_id");
        AccountSettings account = service.get(caller, accountId);
        boolean history = QueryParams.bool(ctx, "include_history");
        AccountSettings effective = account.effective();
        Json.send(ctx, 200, new SettingsWire.EffectiveWire(accountId,
                SettingsWire.of(effective, userMfa(ctx, effective), null).withoutMeta(),
                SettingsWire.of(account, userMfa(ctx, account), history ? service.history(caller, accountId) : null),
                List.of()));
    }

    private List<UserMfa> userMfa(Context ctx, AccountSettings settings) {
        return QueryParams.bool(ctx, "resolve_user_mfa") ? service.resolveUserMfa(settings.userMfa())
                : settings.userMfa();
    }

    private static List<UserMfa> userMfa(List<JsonBody> items) {
        if (items == null) {
            return null;
        }
        return items.stream().map(item -> {
            item.requireKnownFields(USER_MFA_FIELDS);
            return UserMfa.of(item.string("iam_id"), item.string("mfa"));
        }).toList();
    }

    private static List<UserDomainRestriction> domains(List<JsonBody> items) {
        if (items == null) {
            return null;
        }
        return items.stream().map(item -> {
            item.requireKnownFields(DOMAIN_FIELDS);
            return new UserDomainRestriction(item.string("realm_id"), item.strings("invitation_email_allow_patterns"),
                    item.bool("restrict_invitation"));
        }).toList();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        var all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}

package dev.latchkey.http.settings;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.settings.AccountSettings;
import dev.latchkey.core.settings.AccountSettingsService;
import dev.latchkey.core.settings.ExternalInteraction;
import dev.latchkey.core.settings.UpdateAccessManagementSettings;
import dev.latchkey.http.Audience;
import dev.latchkey.http.Json;
import dev.latchkey.http.JsonBody;
import dev.latchkey.http.RouteTable;
import io.javalin.http.Context;
import java.util.Set;

/**
 * IBM IAM Policy Management's account settings, {@code GET}/{@code PATCH /v1/accounts/{account_id}/settings/
 * access_management} ({@code AccountSettingsAccessManagement}): the external identity interactions per identity type,
 * with {@code Etag}/{@code If-Match}. {@code Accept-Language} is accepted; every message is English. Who may read or
 * change them is decided in {@link AccountSettingsService} (decision 0034).
 */
public final class AccessManagementSettingsRoutes {
    static final String SETTINGS = "/v1/accounts/{account_id}/settings/access_management";
    private static final String INTERACTION = "external_account_identity_interaction";
    private static final Set<String> TYPES = Set.of("user", "service_id", "service");
    private static final Set<String> TYPE_FIELDS = Set.of("state", "external_allowed_accounts");

    private final AccountSettingsService service;

    public AccessManagementSettingsRoutes(AccountSettingsService service) {
        this.service = service;
    }

    public void register(RouteTable routes) {
        routes.get(SETTINGS, Audience.AUTHENTICATED, this::get);
        routes.patch(SETTINGS, Audience.AUTHENTICATED, this::update);
    }

    private void get(Context ctx, Principal caller) {
        AccountSettings settings = service.getAccessManagement(caller, ctx.pathParam("account_id"));
        ctx.header("Etag", AccountSettingsService.entityTag(settings));
        Json.send(ctx, 200, body(settings));
    }

    private void update(Context ctx, Principal caller) {
        JsonBody body = JsonBody.of(ctx);
        body.requireKnownFields(Set.of(INTERACTION));
        JsonBody interaction = body.object(INTERACTION);
        JsonBody types = null;
        if (interaction != null) {
            interaction.requireKnownFields(Set.of("identity_types"));
            types = interaction.object("identity_types");
        }
        if (types != null) {
            types.requireKnownFields(TYPES);
        }
        UpdateAccessManagementSettings request = new UpdateAccessManagementSettings(type(types, "user"),
                type(types, "service_id"), type(types, "service"));
        AccountSettings settings = service.updateAccessManagement(caller, ctx.pathParam("account_id"),
                ctx.header("If-Match"), request);
        ctx.header("Etag", AccountSettingsService.entityTag(settings));
        Json.send(ctx, 200, body(settings));
    }

    private static ExternalInteraction type(JsonBody types, String name) {
        JsonBody type = types == null ? null : types.object(name);
        if (type == null) {
            return null;
        }
        type.requireKnownFields(TYPE_FIELDS);
        return new ExternalInteraction(type.string("state"), type.strings("external_allowed_accounts"));
    }

    /** IBM's {@code AccountSettingsAccessManagement}: every identity type, always. */
    static ObjectNode body(AccountSettings settings) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ObjectNode types = body.putObject(INTERACTION).putObject("identity_types");
        put(types, "user", settings.externalUser());
        put(types, "service_id", settings.externalServiceId());
        put(types, "service", settings.externalService());
        return body;
    }

    private static void put(ObjectNode types, String name, ExternalInteraction value) {
        ObjectNode type = types.putObject(name);
        type.put("state", value.state());
        value.externalAllowedAccounts().forEach(type.putArray("external_allowed_accounts")::add);
    }
}

package dev.latchkey.http.classic;

import dev.latchkey.core.classic.ClassicKeyService;
import dev.latchkey.http.HttpRefusal;
import dev.latchkey.http.WireError;
import dev.latchkey.http.IbmDates;
import dev.latchkey.core.common.Secret;
import dev.latchkey.http.Audience;
import dev.latchkey.http.ClientOrigin;
import dev.latchkey.http.Json;
import dev.latchkey.http.RouteTable;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Classic infrastructure keys (a Latchkey API; IBM's is SoftLayer's): create your own, list the classic view,
 * view details and delete as owner or ancestor, and HTTP Basic authentication for classic-style APIs.
 */
public final class ClassicKeyRoutes {
    private final ClassicKeyService classic;
    private final PlatformKeys platformKeys;

    /** Authenticates a platform API key (user name {@code apikey}) the way the token service does. */
    @FunctionalInterface
    public interface PlatformKeys {
        Optional<Identity> authenticate(Secret key, String clientAddress);
    }

    /** Who a Basic credential authenticated as. */
    public record Identity(String iamId, String username, String accountId, String credential) {
    }

    record ClassicKeyWire(String id, String iamId, String username, String accountId, String displayPrefix,
                          String createdBy, String createdAt, String apikey) {
        static ClassicKeyWire of(ClassicKeyService.View v) {
            return new ClassicKeyWire(v.key().id(), v.key().iamId(), v.owner().email(), v.key().accountId(),
                    v.key().displayPrefix(), v.key().createdBy(), IbmDates.format(v.key().createdAt()),
                    v.value() == null ? null : v.value().reveal());
        }
    }

    record ClassicKeyListWire(List<ClassicKeyWire> classicKeys) {
    }

    public ClassicKeyRoutes(ClassicKeyService classic, PlatformKeys platformKeys) {
        this.classic = classic;
        this.platformKeys = platformKeys;
    }

    public void register(RouteTable routes) {
        routes.post("/v1/classic_keys", Audience.AUTHENTICATED, (ctx, caller) -> {
            ctx.header("Cache-Control", "no-store");
            Json.send(ctx, 201, ClassicKeyWire.of(classic.create(caller)));
        });
        routes.get("/v1/classic_keys", Audience.AUTHENTICATED, (ctx, caller) -> Json.send(ctx, 200,
                new ClassicKeyListWire(classic.list(caller).stream().map(ClassicKeyWire::of).toList())));
        routes.get("/v1/classic_keys/{id}", Audience.AUTHENTICATED, (ctx, caller) -> {
            ctx.header("Cache-Control", "no-store");
            Json.send(ctx, 200, ClassicKeyWire.of(classic.get(caller, ctx.pathParam("id"))));
        });
        routes.delete("/v1/classic_keys/{id}", Audience.AUTHENTICATED, (ctx, caller) -> {
            classic.delete(caller, ctx.pathParam("id"));
            ctx.status(204);
        });
        // Public: HTTP Basic with a user name and classic key (or "apikey" and a platform API key) is the credential.
        routes.get("/v1/classic/authenticate", Audience.PUBLIC, (ctx, caller) -> authenticate(ctx));
    }

    private void authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        Optional<Identity> identity = Optional.empty();
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon > 0) {
                    String username = decoded.substring(0, colon);
                    Secret key = new Secret(decoded.substring(colon + 1));
                    identity = username.equals("apikey") ? platformKeys.authenticate(key, ClientOrigin.address(ctx))
                            : classic.authenticate(username, key).map(v -> new Identity(v.owner().iamId(),
                                    v.owner().email(), v.key().accountId(), "classic_api_key"));
                }
            } catch (IllegalArgumentException malformed) {
                identity = Optional.empty();
            }
        }
        if (identity.isEmpty()) {
            ctx.header("WWW-Authenticate", "Basic realm=\"latchkey-classic\"");
            throw new HttpRefusal(WireError.INVALID_ACCESS_TOKEN,
                    "Authenticate with HTTP Basic: your user name and classic infrastructure key, or 'apikey' and an API key.");
        }
        Json.send(ctx, 200, identity.get());
    }
}

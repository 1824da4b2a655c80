package dev.latchkey.http.token;

import dev.latchkey.core.token.SigningKeyService;
import dev.latchkey.core.token.SigningKeyStatus;
import dev.latchkey.http.Audience;
import dev.latchkey.http.Json;
import dev.latchkey.http.JsonBody;
import dev.latchkey.http.RouteTable;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The token-signing keys for platform administrators (a Latchkey API; IBM publishes none): every key's state, and a
 * rotation on request, published ahead of signing or immediate. Never any private key material. Times are ISO-8601
 * instants in UTC, to the millisecond, as a key's activation does not fall on a minute.
 */
public final class SigningKeyRoutes {
    private final SigningKeyService keys;

    record KeyWire(String kid, String algorithm, String state, String createdAt, String activatesAt,
                   String retiresAt) {
        static KeyWire of(SigningKeyStatus s) {
            return new KeyWire(s.kid(), s.algorithm(), s.state().wire(), text(s.createdAt()), text(s.activatesAt()),
                    text(s.retiresAt()));
        }

        private static String text(Instant instant) {
            return instant == null ? null : instant.toString();
        }
    }

    record KeyListWire(List<KeyWire> signingKeys) {
        static KeyListWire of(List<SigningKeyStatus> statuses) {
            return new KeyListWire(statuses.stream().map(KeyWire::of).toList());
        }
    }

    record RotationWire(KeyWire key, List<KeyWire> signingKeys) {
        static RotationWire of(SigningKeyService.Rotation rotation) {
            return new RotationWire(KeyWire.of(rotation.key()), KeyListWire.of(rotation.keys()).signingKeys());
        }
    }

    public SigningKeyRoutes(SigningKeyService keys) {
        this.keys = keys;
    }

    public void register(RouteTable routes) {
        routes.get("/v1/signing_keys", Audience.AUTHENTICATED, (ctx, caller) ->
                Json.send(ctx, 200, KeyListWire.of(keys.list(caller))));
        routes.post("/v1/signing_keys/rotate", Audience.AUTHENTICATED, (ctx, caller) -> {
            JsonBody body = JsonBody.of(ctx);
            body.requireKnownFields(Set.of("immediate"));
            Json.send(ctx, 201, RotationWire.of(keys.rotate(caller, Boolean.TRUE.equals(body.bool("immediate")))));
        });
    }
}

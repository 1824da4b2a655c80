package dev.latchkey.app;

import dev.latchkey.core.common.Secret;
import dev.latchkey.core.token.TokenService;
import dev.latchkey.http.classic.ClassicKeyRoutes;
import java.util.Optional;

/**
 * HTTP Basic with user name {@code apikey} and a platform API key on the classic authentication route: the key is
 * checked exactly as the token service checks it (disabled, expired, allowed addresses, membership), and answers
 * as a {@code platform_api_key} credential.
 */
record PlatformKeyLogins(TokenService tokens) implements ClassicKeyRoutes.PlatformKeys {
    @Override
    public Optional<ClassicKeyRoutes.Identity> authenticate(Secret key, String clientAddress) {
        return tokens.identify(key, clientAddress).map(identified -> new ClassicKeyRoutes.Identity(identified.iamId(),
                identified.username(), identified.accountId(), "platform_api_key"));
    }
}

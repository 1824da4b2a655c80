package dev.latchkey.core.session;

import dev.latchkey.core.common.Principal;
import java.time.Instant;

/**
 * A console session as stored: the hash of its cookie value, who is signed in to which account, the token that
 * every form of the session must carry (CSRF), and when it ends. Immutable.
 */
public record ConsoleSession(String idHash, String iamId, String accountId, String csrfToken, Instant createdAt,
                             Instant expiresAt) {

    public Principal principal() {
        return new Principal(iamId, accountId);
    }
}

package dev.latchkey.core.session;

import dev.latchkey.core.common.Principal;
import java.time.Instant;

/**
 * A console session as stored: the hash of its cookie value, who is signed in to which account, the token that
 * every form of the session must carry (CSRF), when it ends, and the account of the API key the session was opened
 * with (kept through account switches; null when it was opened with a password, which is the user's and no
 * account's): external identity interactions are judged by it (decision 0034). Immutable.
 */
public record ConsoleSession(String idHash, String iamId, String accountId, String csrfToken, Instant createdAt,
                             Instant expiresAt, String authnAccountId) {

    public ConsoleSession(String idHash, String iamId, String accountId, String csrfToken, Instant createdAt,
                          Instant expiresAt) {
        this(idHash, iamId, accountId, csrfToken, createdAt, expiresAt, null);
    }

    public Principal principal() {
        return new Principal(iamId, accountId,
                authnAccountId == null || authnAccountId.equals(accountId) ? null : authnAccountId);
    }
}

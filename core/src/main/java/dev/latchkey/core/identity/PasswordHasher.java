package dev.latchkey.core.identity;

import dev.latchkey.core.common.Secret;

/** Slow, salted password hashing (Argon2id). Implementations are thread-safe. */
public interface PasswordHasher {
    /** A self-describing hash (PHC string format) of the password. */
    String hash(Secret password);

    boolean verify(Secret password, String hash);
}

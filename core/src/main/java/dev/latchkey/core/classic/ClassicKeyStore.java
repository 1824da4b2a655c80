package dev.latchkey.core.classic;

import java.util.List;
import java.util.Optional;

/** Persistence port for classic infrastructure keys. Implementations are thread-safe. */
public interface ClassicKeyStore {
    /** What {@link #insertIfNone} did. */
    enum Insert { INSERTED, ALREADY_HAS_ONE, NOT_A_MEMBER }

    /**
     * Inserts the key unless the user already has one in the account, or is no longer an active member of it (a
     * removal running at the same time waits for this insert, and then deletes the key with the membership).
     * Nothing is written unless the answer is {@code INSERTED}.
     */
    Insert insertIfNone(ClassicKey key);

    Optional<ClassicKey> find(String id);

    Optional<ClassicKey> findByHash(String hash);

    /** The classic keys of these identities in one account. */
    List<ClassicKey> forIdentities(String accountId, List<String> iamIds);

    boolean delete(String id);
}

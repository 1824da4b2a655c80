package dev.latchkey.core.classic;

import java.util.List;
import java.util.Optional;

/** Persistence port for classic infrastructure keys. Implementations are thread-safe. */
public interface ClassicKeyStore {
    /** Inserts the key; false when the user already has one in the account (nothing is written then). */
    boolean insertIfNone(ClassicKey key);

    Optional<ClassicKey> find(String id);

    Optional<ClassicKey> findByHash(String hash);

    /** The classic keys of these identities in one account. */
    List<ClassicKey> forIdentities(String accountId, List<String> iamIds);

    boolean delete(String id);
}

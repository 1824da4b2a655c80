package dev.latchkey.core.leak;

import dev.latchkey.core.common.Page;
import java.util.Optional;

/** Persistence port for leak sightings. Implementations are thread-safe. */
public interface LeakStore {
    /** Inserts unless a sighting of the same token hash exists; returns the stored one either way. */
    Sighting insertIfAbsent(Sighting sighting);

    Optional<Sighting> findByHash(String tokenHash);

    /** Sightings of keys of one account, newest first. */
    Page<Sighting> forAccount(String accountId, int offset, int limit);
}

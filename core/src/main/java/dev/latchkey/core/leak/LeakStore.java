package dev.latchkey.core.leak;

import dev.latchkey.core.common.Page;
import java.util.Optional;

/** Persistence port for leak sightings. Implementations are thread-safe. */
public interface LeakStore {
    /** Whose keys a listing covers: user keys ({@code IBMid-…}) or service ID keys ({@code iam-ServiceId-…}). */
    enum Owners { USERS, SERVICE_IDS }

    /**
     * Which sightings of one account's keys to list, newest first (the id breaking ties).
     *
     * @param iamId  only the keys of this identity; null for everyone's
     * @param owners only user keys or only service ID keys; null for both
     */
    record Query(String accountId, String iamId, Owners owners, int offset, int limit) {
    }

    /** Inserts unless a sighting of the same token hash exists; returns the stored one either way. */
    Sighting insertIfAbsent(Sighting sighting);

    Optional<Sighting> findByHash(String tokenHash);

    /** Sightings of keys of one account, newest first. */
    default Page<Sighting> forAccount(String accountId, int offset, int limit) {
        return list(new Query(accountId, null, null, offset, limit));
    }

    /** Sightings of keys of {@code query.accountId()} that match the query, newest first. */
    Page<Sighting> list(Query query);
}

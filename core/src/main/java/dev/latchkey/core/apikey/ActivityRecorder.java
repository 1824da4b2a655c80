package dev.latchkey.core.apikey;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts key authentications in memory and writes them to the store in batches, so the token hot path never
 * writes to the database. {@link #flush()} is called on a schedule and at shutdown; a crash loses at most
 * one interval of counts. Thread-safe.
 */
public final class ActivityRecorder {
    private final ApiKeyStore store;
    private final ConcurrentHashMap<String, Activity> pending = new ConcurrentHashMap<>();

    public ActivityRecorder(ApiKeyStore store) {
        this.store = store;
    }

    public void record(String keyId, Instant at) {
        pending.merge(keyId, new Activity(at, 1), Activity::plus);
    }

    /** Stored activity plus what has not been flushed yet. */
    public Activity activity(String keyId) {
        Activity stored = store.activity(keyId);
        Activity unflushed = pending.get(keyId);
        return unflushed == null ? stored : stored.plus(unflushed);
    }

    public void flush() {
        if (pending.isEmpty()) {
            return;
        }
        Map<String, Activity> batch = new HashMap<>();
        for (String keyId : pending.keySet()) {
            Activity taken = pending.remove(keyId);
            if (taken != null) {
                batch.put(keyId, taken);
            }
        }
        try {
            store.addActivity(batch);
        } catch (RuntimeException e) {
            batch.forEach((keyId, activity) -> pending.merge(keyId, activity, Activity::plus));
            throw e;
        }
    }
}

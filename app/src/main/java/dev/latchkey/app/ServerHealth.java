package dev.latchkey.app;

import dev.latchkey.core.token.SigningKeyRing;
import dev.latchkey.http.Health;
import dev.latchkey.store.Database;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Readiness: the database answered its last check (every half second), the schema is migrated (the server does
 * not start before), a signing key is loaded. An outage is a failure the database reports as one.
 */
record ServerHealth(Database database, SigningKeyRing ring) implements Health {
    @Override
    public Map<String, Boolean> checks() {
        Map<String, Boolean> checks = new LinkedHashMap<>();
        checks.put("database", database.isReachable());
        checks.put("migrations", true);
        checks.put("signing_key", ring.hasActiveKey());
        return checks;
    }

    @Override
    public boolean isOutage(Throwable failure) {
        return Database.isUnavailable(failure);
    }
}

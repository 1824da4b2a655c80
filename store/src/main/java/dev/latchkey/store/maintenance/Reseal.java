package dev.latchkey.store.maintenance;

import dev.latchkey.core.common.SealedSecret;
import dev.latchkey.core.common.SecretBox;
import dev.latchkey.store.Database;
import dev.latchkey.store.ExclusiveUse;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Re-seals every value sealed under the master key with a new one, each under its own context, in one transaction:
 * every value or none. A value that already opens with the new key is left as it is, so that running it again after
 * an interruption between the commit and the replacement of the key file finishes the job. A value that opens with
 * neither key aborts everything.
 */
public final class Reseal {
    private static final int PAGE = 500;

    /** Where each kind of sealed value lives: table, id column and sealed column. */
    record Place(SealedSecret kind, String table, String id, String sealed) {
    }

    static final List<Place> PLACES = List.of(
            new Place(SealedSecret.SIGNING_KEY, "signing_keys", "kid", "sealed_private_key"),
            new Place(SealedSecret.API_KEY_VALUE, "api_keys", "id", "sealed_value"),
            new Place(SealedSecret.CLASSIC_KEY_VALUE, "classic_keys", "id", "sealed_value"),
            new Place(SealedSecret.WEBHOOK_SECRET, "notification_endpoints", "id", "sealed_secret"));

    private Reseal() {
    }

    /** How many values of each kind were re-sealed, and how many were under the new key already. */
    public record Outcome(Map<SealedSecret, Integer> resealed, int alreadyNew) {
    }

    /** @throws Refusal when a value opens with neither key, or the schema has a sealed column not listed here */
    public static Outcome run(Database database, SecretBox current, SecretBox replacement) {
        String version = database.schemaVersion();
        return database.jdbi().inTransaction(handle -> {
            ExclusiveUse.claim(database, handle);
            try {
                requireEveryPlaceKnown(Schema.read(handle.getConnection(), version));
            } catch (SQLException e) {
                throw new Refusal("The database's tables cannot be read (SQLState " + e.getSQLState() + "), so "
                        + "nothing was changed.", e);
            }
            Map<SealedSecret, Integer> resealed = new EnumMap<>(SealedSecret.class);
            int alreadyNew = 0;
            for (Place place : PLACES) {
                int[] counts = reseal(handle, place, current, replacement);
                resealed.put(place.kind(), counts[0]);
                alreadyNew += counts[1];
            }
            return new Outcome(resealed, alreadyNew);
        });
    }

    /** A column named {@code sealed_…} that is not in {@link #PLACES} would be left under the old key: refuse. */
    static void requireEveryPlaceKnown(Schema schema) {
        for (Table table : schema.tables()) {
            for (Column column : table.columns()) {
                boolean known = PLACES.stream().anyMatch(p -> p.table().equals(table.name())
                        && p.sealed().equals(column.name()));
                if (column.name().toLowerCase(Locale.ROOT).startsWith("sealed_") && !known) {
                    throw new Refusal("Column " + table.name() + "." + column.name() + " holds sealed values that "
                            + "this Latchkey does not know how to re-seal, so nothing was changed.");
                }
            }
        }
    }

    /** Page by page in id order; returns {re-sealed, already under the new key}. */
    private static int[] reseal(Handle handle, Place place, SecretBox current, SecretBox replacement) {
        int resealed = 0;
        int alreadyNew = 0;
        String after = "";
        while (true) {
            List<Map.Entry<String, byte[]>> page = handle.createQuery("SELECT " + place.id() + " AS id, " + place.sealed()
                            + " AS sealed FROM " + place.table() + " WHERE " + place.sealed() + " IS NOT NULL AND "
                            + place.id() + " > :after ORDER BY " + place.id() + " FETCH FIRST " + PAGE + " ROWS ONLY")
                    .bind("after", after)
                    .map((rows, ctx) -> Map.entry(rows.getString("id"), rows.getBytes("sealed"))).list();
            if (page.isEmpty()) {
                return new int[] {resealed, alreadyNew};
            }
            PreparedBatch update = handle.prepareBatch("UPDATE " + place.table() + " SET " + place.sealed()
                    + " = :sealed WHERE " + place.id() + " = :id");
            List<String> changed = new ArrayList<>();
            for (Map.Entry<String, byte[]> row : page) {
                String context = place.kind().context(row.getKey());
                byte[] plain;
                try {
                    plain = current.open(row.getValue(), context);
                } catch (SecretBox.Unopenable e) {
                    if (opens(replacement, row.getValue(), context)) {
                        alreadyNew++;
                        continue;
                    }
                    throw new Refusal("The " + place.kind().description() + " " + row.getKey() + " opens with neither "
                            + "the current master key nor the new one, so nothing was changed.", e);
                }
                update.bind("sealed", replacement.seal(plain, context)).bind("id", row.getKey()).add();
                Arrays.fill(plain, (byte) 0);
                changed.add(row.getKey());
            }
            if (!changed.isEmpty()) {
                update.execute();
            }
            resealed += changed.size();
            after = page.getLast().getKey();
        }
    }

    private static boolean opens(SecretBox box, byte[] sealed, String context) {
        try {
            Arrays.fill(box.open(sealed, context), (byte) 0);
            return true;
        } catch (SecretBox.Unopenable e) {
            return false;
        }
    }
}

package dev.latchkey.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jdbi.v3.core.argument.Argument;

/**
 * Conversions between domain time and SQL {@code TIMESTAMP WITH TIME ZONE}, the same on H2 and PostgreSQL, and the
 * primitive arrays that PostgreSQL's statements over many rows take.
 */
public final class Sql {
    private Sql() {
    }

    public static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** Microseconds since 1970-01-01 UTC, as PostgreSQL keeps a time (a finer part is dropped). */
    public static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    /**
     * A PostgreSQL array parameter from a Java array as it is: {@code long[]} is bound as {@code int8[]},
     * {@code String[]} as {@code varchar[]}, by PostgreSQL's driver itself, without an object per element.
     */
    public static Argument pgArray(Object array) {
        return (position, statement, ctx) -> statement.setObject(position, array);
    }
}

package dev.latchkey.core.common;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * What the JDBC stores do in SQL, for the in-memory fakes: a SCIM {@link Filter} evaluated like
 * {@code COALESCE(column, '') LIKE pattern} (values literal, {@code _ci} through {@code LOWER}), nulls ordered as
 * PostgreSQL orders them (last ascending, first descending), and {@code LIMIT}/{@code OFFSET} paging that looks one
 * row ahead for {@code hasMore}.
 */
public final class InMemoryQueries {
    private InMemoryQueries() {
    }

    /**
     * Whether {@code filter} holds for a row whose attributes {@code attribute} gives; an attribute outside
     * {@code columns} is refused as the stores refuse an unmapped column.
     */
    public static boolean matches(Filter filter, Set<String> columns, Function<String, String> attribute) {
        return switch (filter) {
            case Filter.And and -> matches(and.left(), columns, attribute) && matches(and.right(), columns, attribute);
            case Filter.Or or -> matches(or.left(), columns, attribute) || matches(or.right(), columns, attribute);
            case Filter.Comparison c -> {
                if (!columns.contains(c.attribute())) {
                    throw new IllegalArgumentException("no column for filter attribute " + c.attribute());
                }
                yield compare(c, attribute.apply(c.attribute()));
            }
        };
    }

    private static boolean compare(Filter.Comparison c, String value) {
        String text = value == null ? "" : value;
        String wanted = c.value();
        if (c.operator().caseInsensitive()) {
            text = text.toLowerCase(Locale.ROOT);
            wanted = wanted.toLowerCase(Locale.ROOT);
        }
        return switch (c.operator()) {
            case SW, SW_CI -> text.startsWith(wanted);
            case EW, EW_CI -> text.endsWith(wanted);
            case CO, CO_CI -> text.contains(wanted);
        };
    }

    /** Orders by {@code key} (nulls as PostgreSQL: greatest), in {@code descending} order when asked. */
    public static <T, K extends Comparable<? super K>> Comparator<T> by(Function<T, K> key, boolean descending) {
        Comparator<T> ascending = Comparator.comparing(key, Comparator.nullsLast(Comparator.naturalOrder()));
        return descending ? ascending.reversed() : ascending;
    }

    /** One page of rows already filtered and sorted, {@code hasMore} when a row follows the page. */
    public static <T> Page<T> page(List<T> sorted, int offset, int limit) {
        return page(sorted, offset, limit, offset);
    }

    /** The page of {@code limit} rows after the first {@code skip}, answered as the page at {@code offset}. */
    public static <T> Page<T> page(List<T> sorted, int skip, int limit, int offset) {
        List<T> rows = sorted.stream().skip(skip).limit(limit + 1L).toList();
        boolean more = rows.size() > limit;
        return new Page<>(more ? rows.subList(0, limit) : rows, offset, limit, more);
    }
}

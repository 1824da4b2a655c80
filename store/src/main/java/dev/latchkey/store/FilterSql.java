package dev.latchkey.store;

import dev.latchkey.core.common.Filter;
import java.util.Map;

/**
 * Renders a SCIM {@link Filter} as a SQL condition with named parameters. Attribute names map to columns through
 * an allow-list, and every value is bound, never spliced, so a filter cannot inject SQL.
 */
public final class FilterSql {
    private final Map<String, String> columns;
    private final Map<String, Object> bindings;
    private int counter;

    public FilterSql(Map<String, String> columns, Map<String, Object> bindings) {
        this.columns = columns;
        this.bindings = bindings;
    }

    public String render(Filter filter) {
        return switch (filter) {
            case Filter.And and -> "(" + render(and.left()) + " AND " + render(and.right()) + ")";
            case Filter.Or or -> "(" + render(or.left()) + " OR " + render(or.right()) + ")";
            case Filter.Comparison c -> comparison(c);
        };
    }

    private String comparison(Filter.Comparison c) {
        String column = columns.get(c.attribute());
        if (column == null) {
            throw new IllegalArgumentException("no column for filter attribute " + c.attribute());
        }
        String name = "f" + counter++;
        // "!" as the LIKE escape: a backslash inside a quoted literal confuses Jdbi's named-parameter parser.
        String escaped = c.value().replace("!", "!!").replace("%", "!%").replace("_", "!_");
        String pattern = switch (c.operator()) {
            case SW, SW_CI -> escaped + "%";
            case EW, EW_CI -> "%" + escaped;
            case CO, CO_CI -> "%" + escaped + "%";
        };
        if (c.operator().caseInsensitive()) {
            bindings.put(name, pattern.toLowerCase(java.util.Locale.ROOT));
            return "LOWER(COALESCE(" + column + ", '')) LIKE :" + name + " ESCAPE '!'";
        }
        bindings.put(name, pattern);
        return "COALESCE(" + column + ", '') LIKE :" + name + " ESCAPE '!'";
    }
}

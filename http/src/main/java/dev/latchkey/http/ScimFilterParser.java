package dev.latchkey.http;

import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.Filter;
import java.util.Locale;
import java.util.Set;

/**
 * Parses IBM's SCIM filter subset: {@code attr op "value"}, {@code and}, {@code or} (and binds tighter) and
 * parentheses. Attributes are limited to the ones a listing allows; anything else is a clear 400.
 */
public final class ScimFilterParser {
    private static final int MAX_LENGTH = 1000;
    private final String text;
    private final Set<String> attributes;
    private int pos;

    private ScimFilterParser(String text, Set<String> attributes) {
        this.text = text;
        this.attributes = attributes;
    }

    public static Filter parse(String text, Set<String> attributes) {
        if (text.length() > MAX_LENGTH) {
            throw DomainException.invalid("Parameter 'filter' is longer than " + MAX_LENGTH + " characters.");
        }
        ScimFilterParser parser = new ScimFilterParser(text, attributes);
        Filter filter = parser.or();
        parser.skipSpace();
        if (parser.pos != text.length()) {
            throw parser.error("unexpected text");
        }
        return filter;
    }

    private Filter or() {
        Filter left = and();
        while (keyword("or")) {
            left = new Filter.Or(left, and());
        }
        return left;
    }

    private Filter and() {
        Filter left = primary();
        while (keyword("and")) {
            left = new Filter.And(left, primary());
        }
        return left;
    }

    private Filter primary() {
        skipSpace();
        if (peek() == '(') {
            pos++;
            Filter inner = or();
            skipSpace();
            if (peek() != ')') {
                throw error("')' expected");
            }
            pos++;
            return inner;
        }
        String attribute = word();
        if (!attributes.contains(attribute)) {
            throw DomainException.invalid("Parameter 'filter' names attribute '" + attribute
                    + "', which cannot be filtered; use one of " + String.join(", ", attributes.stream().sorted().toList()) + ".");
        }
        String op = word().toUpperCase(Locale.ROOT);
        Filter.Operator operator;
        try {
            operator = Filter.Operator.valueOf(op);
        } catch (IllegalArgumentException e) {
            throw error("operator must be one of sw, ew, co, sw_ci, ew_ci, co_ci");
        }
        return new Filter.Comparison(attribute, operator, quoted());
    }

    private boolean keyword(String keyword) {
        skipSpace();
        int end = pos + keyword.length();
        if (end < text.length() && text.regionMatches(true, pos, keyword, 0, keyword.length())
                && Character.isWhitespace(text.charAt(end))) {
            pos = end;
            return true;
        }
        return false;
    }

    private String word() {
        skipSpace();
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        if (start == pos) {
            throw error("a name was expected");
        }
        return text.substring(start, pos);
    }

    private String quoted() {
        skipSpace();
        if (peek() != '"') {
            throw error("a quoted value was expected");
        }
        pos++;
        StringBuilder value = new StringBuilder();
        while (pos < text.length() && text.charAt(pos) != '"') {
            char c = text.charAt(pos++);
            if (c == '\\' && pos < text.length()) {
                c = text.charAt(pos++);
            }
            value.append(c);
        }
        if (pos >= text.length()) {
            throw error("the quoted value is not closed");
        }
        pos++;
        return value.toString();
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private DomainException error(String what) {
        return DomainException.invalid("Parameter 'filter' is not valid at position " + pos + ": " + what
                + ". Example: name co \"prod\" and description sw \"ci\".");
    }
}

package dev.latchkey.core.common;

/** A parsed SCIM filter expression (IBM's subset): comparisons joined by {@code and} / {@code or}. */
public sealed interface Filter {

    /** Text operators; the {@code _ci} variants compare case-insensitively. */
    enum Operator {
        SW, EW, CO, SW_CI, EW_CI, CO_CI;

        public boolean caseInsensitive() {
            return name().endsWith("_CI");
        }
    }

    record Comparison(String attribute, Operator operator, String value) implements Filter {
    }

    record And(Filter left, Filter right) implements Filter {
    }

    record Or(Filter left, Filter right) implements Filter {
    }
}

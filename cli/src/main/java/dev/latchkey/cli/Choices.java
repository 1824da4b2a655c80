package dev.latchkey.cli;

import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * picocli converters for options that take one of a few lowercase wire words, so a typo is a
 * usage error (exit 2) before any request is sent.
 */
public final class Choices {
    private Choices() {
    }

    /** Accepts exactly one of the given words. */
    public abstract static class OneOf implements ITypeConverter<String> {
        private final List<String> allowed;

        protected OneOf(String... allowed) {
            this.allowed = List.of(allowed);
        }

        @Override
        public String convert(String value) {
            if (!allowed.contains(value)) {
                throw new TypeConversionException("expected one of " + String.join(", ", allowed) + " but was '" + value + "'");
            }
            return value;
        }
    }

    /** {@code --output}: table or json. */
    public static final class Output extends OneOf {
        public Output() {
            super("table", "json");
        }
    }

    /** {@code --scope} of a key list: entity or account. */
    public static final class Scope extends OneOf {
        public Scope() {
            super("entity", "account");
        }
    }

    /** {@code --type} of a key list: user or serviceid. */
    public static final class KeyType extends OneOf {
        public KeyType() {
            super("user", "serviceid");
        }
    }

    /** {@code --action-when-leaked}: none, disable or delete. */
    public static final class LeakAction extends OneOf {
        public LeakAction() {
            super("none", "disable", "delete");
        }
    }
}

package dev.latchkey.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.ErrorCode;
import dev.latchkey.core.common.Filter.And;
import dev.latchkey.core.common.Filter.Comparison;
import dev.latchkey.core.common.Filter.Operator;
import dev.latchkey.core.common.Filter.Or;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScimFilterParserTest {
    private static final Set<String> ATTRS = Set.of("name", "description");

    @Test
    void parsesIbmExample() {
        assertThat(ScimFilterParser.parse("name co \"Foo\" and description sw \"Bar\"", ATTRS)).isEqualTo(
                new And(new Comparison("name", Operator.CO, "Foo"), new Comparison("description", Operator.SW, "Bar")));
    }

    @Test
    void andBindsTighterThanOrAndParenthesesGroup() {
        assertThat(ScimFilterParser.parse("name sw \"a\" or name ew \"b\" and name co_ci \"c\"", ATTRS)).isEqualTo(
                new Or(new Comparison("name", Operator.SW, "a"),
                        new And(new Comparison("name", Operator.EW, "b"), new Comparison("name", Operator.CO_CI, "c"))));
        assertThat(ScimFilterParser.parse("(name sw \"a\" or name ew \"b\") AND name co \"c\"", ATTRS)).isEqualTo(
                new And(new Or(new Comparison("name", Operator.SW, "a"), new Comparison("name", Operator.EW, "b")),
                        new Comparison("name", Operator.CO, "c")));
    }

    @Test
    void quotedValuesKeepSpacesAndEscapedQuotes() {
        assertThat(ScimFilterParser.parse("name co \"my \\\"prod\\\" key\"", ATTRS))
                .isEqualTo(new Comparison("name", Operator.CO, "my \"prod\" key"));
    }

    @Test
    void unknownAttributeOperatorOrSyntaxIsAClearBadRequest() {
        assertThatThrownBy(() -> ScimFilterParser.parse("secret co \"x\"", ATTRS))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST);
                    assertThat(e.getMessage()).contains("'secret'").contains("description, name");
                });
        assertThatThrownBy(() -> ScimFilterParser.parse("name eq \"x\"", ATTRS)).hasMessageContaining("operator");
        assertThatThrownBy(() -> ScimFilterParser.parse("name co \"x", ATTRS)).hasMessageContaining("not closed");
        assertThatThrownBy(() -> ScimFilterParser.parse("name co x", ATTRS)).hasMessageContaining("quoted value");
        assertThatThrownBy(() -> ScimFilterParser.parse("(name co \"x\"", ATTRS)).hasMessageContaining("')'");
        assertThatThrownBy(() -> ScimFilterParser.parse("name co \"x\" extra", ATTRS)).hasMessageContaining("unexpected");
        assertThatThrownBy(() -> ScimFilterParser.parse("x".repeat(1001), ATTRS)).hasMessageContaining("longer");
    }
}

package dev.latchkey.core.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EntityTagTest {
    @Test
    void tagHasIbmShapeAndChangesWithEveryVersion() {
        assertThat(EntityTag.of("ApiKey-1", 1)).matches("1-[0-9a-f]{32}");
        assertThat(EntityTag.of("ApiKey-1", 2)).startsWith("2-").isNotEqualTo(EntityTag.of("ApiKey-1", 1));
        assertThat(EntityTag.of("ApiKey-2", 1)).isNotEqualTo(EntityTag.of("ApiKey-1", 1));
    }

    @Test
    void ifMatchAcceptsCurrentTagQuotedTagAndStar() {
        String tag = EntityTag.of("k", 3);
        assertThatCode(() -> EntityTag.requireMatch(tag, "k", 3)).doesNotThrowAnyException();
        assertThatCode(() -> EntityTag.requireMatch("\"" + tag + "\"", "k", 3)).doesNotThrowAnyException();
        assertThatCode(() -> EntityTag.requireMatch("*", "k", 3)).doesNotThrowAnyException();
    }

    @Test
    void ifMatchRefusesMissingAndStaleTags() {
        assertThatThrownBy(() -> EntityTag.requireMatch(null, "k", 3)).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.MISSING_IF_MATCH));
        assertThatThrownBy(() -> EntityTag.requireMatch(EntityTag.of("k", 2), "k", 3))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.ENTITY_TAG_MISMATCH));
    }
}

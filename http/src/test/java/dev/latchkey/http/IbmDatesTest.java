package dev.latchkey.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.ErrorCode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IbmDatesTest {
    @Test
    void formatsAsIbmDoes() {
        assertThat(IbmDates.format(Instant.parse("2024-10-04T12:28:59.999Z"))).isEqualTo("2024-10-04T12:28+0000");
        assertThat(IbmDates.format(null)).isNull();
    }

    @Test
    void parsesEveryFormIbmClientsSend() {
        Instant expected = Instant.parse("2049-01-02T18:30:00Z");
        assertThat(IbmDates.parse("f", "2049-01-02T18:30+0000")).isEqualTo(expected);
        assertThat(IbmDates.parse("f", "2049-01-02T18:30:00+0000")).isEqualTo(expected);
        assertThat(IbmDates.parse("f", "2049-01-02T18:30:00Z")).isEqualTo(expected);
        assertThat(IbmDates.parse("f", "2049-01-02T20:30:00+02:00")).isEqualTo(expected);
        assertThat(IbmDates.parse("f", "2049-01-02T18:30:00.000Z")).isEqualTo(expected);
        assertThat(IbmDates.parse("f", "2049-01-02T18:30")).isEqualTo(expected);
        assertThat(IbmDates.parse("f", "2049-01-02")).isEqualTo(Instant.parse("2049-01-02T00:00:00Z"));
    }

    @Test
    void garbageIsABadRequestNamingTheField() {
        assertThatThrownBy(() -> IbmDates.parse("expires_at", "next tuesday"))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST);
                    assertThat(e.getMessage()).contains("'expires_at'");
                });
    }
}

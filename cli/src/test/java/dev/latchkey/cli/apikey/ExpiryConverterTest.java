package dev.latchkey.cli.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class ExpiryConverterTest {
    private final ExpiryConverter converter = new ExpiryConverter();

    @Test
    void convertKeepsTheWireForm() {
        assertThat(converter.convert("2024-10-04T12:28+0000")).isEqualTo("2024-10-04T12:28+0000");
        assertThat(converter.convert("2049-01-02T18:30:00+0000")).isEqualTo("2049-01-02T18:30+0000");
    }

    @Test
    void convertMovesIsoTimesWithAnOffsetToUtc() {
        assertThat(converter.convert("2030-01-31T12:00:00Z")).isEqualTo("2030-01-31T12:00+0000");
        assertThat(converter.convert("2030-01-31T12:00+02:00")).isEqualTo("2030-01-31T10:00+0000");
    }

    @Test
    void convertReadsADateAsItsMidnightUtc() {
        assertThat(converter.convert("2030-01-31")).isEqualTo("2030-01-31T00:00+0000");
    }

    @Test
    void convertKeepsEmptySoUpdateCanRemoveTheExpiry() {
        assertThat(converter.convert("")).isEmpty();
    }

    @Test
    void convertRejectsOtherText() {
        assertThatThrownBy(() -> converter.convert("next tuesday")).isInstanceOf(TypeConversionException.class);
    }
}

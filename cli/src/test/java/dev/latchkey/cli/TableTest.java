package dev.latchkey.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TableTest {
    @Test
    void renderAlignsColumnsUnderTheHeaderWithoutTrailingBlanks() {
        String text = new Table("ID", "NAME", "LOCKED")
                .add("ApiKey-1", "ci", "no")
                .add("ApiKey-22", "a longer name", "yes")
                .render();

        assertThat(text).isEqualTo("""
                ID         NAME           LOCKED
                ApiKey-1   ci             no
                ApiKey-22  a longer name  yes
                """);
    }

    @Test
    void renderShowsMissingValuesAsDash() {
        assertThat(new Table("A", "B", "C").add(null, "", "x").render()).isEqualTo("""
                A  B  C
                -  -  x
                """);
    }

    @Test
    void renderReplacesControlCharactersSoACellCannotForgeRowsOrEscapes() {
        String text = new Table("NAME").add("evil\nApiKey-fake\u001b[31m").render();

        assertThat(text).isEqualTo("NAME\nevil ApiKey-fake [31m\n");
    }

    @Test
    void renderWithoutRowsPrintsTheHeader() {
        Table table = new Table("ID", "NAME");

        assertThat(table.isEmpty()).isTrue();
        assertThat(table.render()).isEqualTo("ID  NAME\n");
    }

    @Test
    void addWithWrongNumberOfValuesThrows() {
        assertThatThrownBy(() -> new Table("A", "B").add("only one")).isInstanceOf(IllegalArgumentException.class);
    }
}

package dev.latchkey.core.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTextTest {

    @Test
    void writesMembersInOrderAndLeavesNullsOut() {
        JsonText inner = new JsonText().field("valid", true).field("n", 42L);
        String json = new JsonText().field("a", "x").field("gone", (String) null).field("inner", inner)
                .field("none", (JsonText) null).array("list", List.of("p", "q")).field("f", false).toJson();
        assertThat(json).isEqualTo("{\"a\":\"x\",\"inner\":{\"valid\":true,\"n\":42},\"list\":[\"p\",\"q\"],\"f\":false}");
        assertThat(new JsonText().toJson()).isEqualTo("{}");
    }

    @Test
    void escapesQuotesBackslashesControlsLineSeparatorsAndUnpairedSurrogatesOnly() {
        String value = "a\"b\\c\nd\re\tf\u0001g\u001fh\u2028i\u2029j\ud800k\udc00l";
        assertThat(new JsonText().field("v", value).toJson()).isEqualTo(
                "{\"v\":\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g\\u001fh\\u2028i\\u2029j\\ud800k\\udc00l\"}");
    }

    @Test
    void writesEverythingElseAsItIs() {
        String value = "</script> é ü 漢 \ud83d\ude00 \u007f /";
        assertThat(new JsonText().field("v", value).toJson()).isEqualTo("{\"v\":\"" + value + "\"}");
    }

    @Test
    void aHighSurrogateAtTheEndIsUnpaired() {
        assertThat(new JsonText().field("v", "x\ud83d").toJson()).isEqualTo("{\"v\":\"x\\ud83d\"}");
        assertThat(new JsonText().field("v", "\ude00\ud83d").toJson()).isEqualTo("{\"v\":\"\\ude00\\ud83d\"}");
    }
}

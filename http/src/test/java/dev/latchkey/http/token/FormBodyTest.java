package dev.latchkey.http.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FormBodyTest {
    private static FormBody parse(String body) {
        return FormBody.parse(body.getBytes(StandardCharsets.UTF_8)).orElseThrow();
    }

    @Test
    void readsPlainFields() {
        FormBody form = parse("grant_type=urn:ibm:params:oauth:grant-type:apikey&apikey=lk_abc123");
        assertThat(form.get("grant_type")).isEqualTo("urn:ibm:params:oauth:grant-type:apikey");
        assertThat(form.get("apikey")).isEqualTo("lk_abc123");
        assertThat(form.get("account")).isNull();
    }

    @Test
    void decodesWhatUrlEncoderEncodes() {
        String value = "p@ss wörd+=&%/:ñ€";
        FormBody form = parse("password=" + URLEncoder.encode(value, StandardCharsets.UTF_8)
                + "&grant_type=" + URLEncoder.encode("urn:ibm:params:oauth:grant-type:apikey", StandardCharsets.UTF_8));
        assertThat(form.get("password")).isEqualTo(value);
        assertThat(form.get("grant_type")).isEqualTo("urn:ibm:params:oauth:grant-type:apikey");
    }

    @Test
    void takesTheFirstOfARepeatedFieldAndSkipsEmptyPairs() {
        FormBody form = parse("&apikey=first&&apikey=second&flag&=orphan&");
        assertThat(form.get("apikey")).isEqualTo("first");
        assertThat(form.get("flag")).isEmpty();
        assertThat(form.get("")).isNull();
    }

    @Test
    void anEmptyBodyHasNoFields() {
        assertThat(parse("").get("apikey")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"apikey=%", "apikey=%4", "apikey=%zz", "apikey=abc%g1", "ap%2=x"})
    void brokenPercentEncodingIsRefused(String body) {
        assertThat(FormBody.parse(body.getBytes(StandardCharsets.UTF_8))).isEmpty();
    }
}

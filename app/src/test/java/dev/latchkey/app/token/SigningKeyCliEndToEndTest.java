package dev.latchkey.app.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.app.support.Fixtures;
import dev.latchkey.app.support.CliEndToEnd;
import dev.latchkey.app.support.LatchkeyCli;
import dev.latchkey.app.support.LatchkeyCli.Run;
import dev.latchkey.core.access.Role;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code signing-keys} and {@code signing-key-rotate} against a real server, as an operator would type them. */
class SigningKeyCliEndToEndTest extends CliEndToEnd {
    @TempDir
    Path memberConfig;

    @Test
    void aPlatformAdministratorRotatesAheadThenAtOnceAndOthersAreRefused() {
        assertThat(latchkey("login", "--apikey", server.adminKey, "--url", server.url).exit()).isZero();
        Run listed = latchkey("signing-keys");
        assertThat(listed.exit()).as(listed.err()).isZero();
        assertThat(listed.out()).startsWith("KID").containsPattern("\\d{12}\\s+RS256\\s+active");

        Run rotated = latchkey("signing-key-rotate");
        assertThat(rotated.exit()).as(rotated.err()).isZero();
        assertThat(rotated.out()).containsPattern("Published signing key \\d{12}(-\\d+)? \\(RS256\\); it starts "
                + "signing at \\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z\\. The current key signs until then\\.");
        assertThat(latchkey("signing-keys").out()).contains("pending").contains("active");

        Run again = latchkey("signing-key-rotate");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).startsWith("latchkey: ").contains("is published already", "--immediate on the command line", "HTTP 409")
                .doesNotContain("Exception");

        Run unasked = latchkey("signing-key-rotate", "--immediate");
        assertThat(unasked.exit()).isEqualTo(1);
        assertThat(unasked.err()).contains("use -f to replace the keys without confirmation");
        Run declined = new LatchkeyCli(configDir).runWithInput("n\n", "signing-key-rotate", "--immediate");
        assertThat(declined.exit()).isEqualTo(1);
        assertThat(declined.err()).contains("Not rotated.");
        assertThat(latchkey("signing-keys").out()).doesNotContain("retired");

        Run immediate = latchkey("signing-key-rotate", "--immediate", "-f");
        assertThat(immediate.exit()).as(immediate.err()).isZero();
        assertThat(immediate.out()).contains("signs from now on; every other key is retired");
        Run after = latchkey("signing-keys", "--output", "json");
        assertThat(after.exit()).as("the saved token was refused; the CLI got a fresh one").isZero();
        assertThat(after.out()).contains("\"state\" : \"retired\"", "\"state\" : \"active\"");

        String account = server.get("/v1/apikeys", server.token(server.adminKey)).body().get("apikeys").get(0)
                .get("account_id").asText();
        String identityAdmin = new Fixtures(server).member(account, Role.ADMINISTRATOR).apikey();
        LatchkeyCli member = new LatchkeyCli(memberConfig);
        assertThat(member.run("login", "--apikey", identityAdmin, "--url", server.url).exit()).isZero();
        Run refused = member.run("signing-key-rotate");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("Only a platform administrator can rotate", "HTTP 403");
    }
}

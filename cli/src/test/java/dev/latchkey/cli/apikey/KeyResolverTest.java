package dev.latchkey.cli.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.CliException;
import dev.latchkey.cli.Profile;
import dev.latchkey.cli.ProfileStore;
import dev.latchkey.cli.Resolved;
import dev.latchkey.cli.StubIamServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyResolverTest {
    @TempDir
    Path temp;

    StubIamServer server;
    ApiClient client;

    @BeforeEach
    void start() throws IOException {
        server = new StubIamServer().issuesTokensFor("IBMid-1", "acc1");
        server.on("GET", "/v1/apikeys?pagesize=100", 200, "{\"apikeys\":[{\"id\":\"ApiKey-a\",\"name\":\"ci\"},"
                + "{\"id\":\"ApiKey-b\",\"name\":\"twin\"}],\"next\":\"" + server.url() + "/v1/apikeys?pagesize=100&pagetoken=2\"}");
        server.on("GET", "/v1/apikeys?pagesize=100&pagetoken=2", 200, "{\"apikeys\":[{\"id\":\"ApiKey-c\",\"name\":\"twin\"},"
                + "{\"id\":\"ApiKey-d\",\"name\":\"deploy\"}]}");
        client = new ApiClient(new ProfileStore(temp), new Profile(server.url(), "lk_key", null, null), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void resolveWhenArgumentIsAnIdThenUsesItWithoutAnyRequest() {
        Resolved key = new KeyResolver(client).resolve("ApiKey-5ccff000");

        assertThat(key).isEqualTo(new Resolved("/v1/apikeys", "ApiKey-5ccff000", null));
        assertThat(key.path()).isEqualTo("/v1/apikeys/ApiKey-5ccff000");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void resolveWhenOneKeyHasTheNameOnALaterPageThenFindsIt() {
        Resolved key = new KeyResolver(client).resolve("deploy");

        assertThat(key).isEqualTo(new Resolved("/v1/apikeys", "ApiKey-d", "deploy"));
        assertThat(key.label()).isEqualTo("deploy (ApiKey-d)");
    }

    @Test
    void resolveMatchesTheNameExactly() {
        assertThatThrownBy(() -> new KeyResolver(client).resolve("CI"))
                .isInstanceOf(CliException.class)
                .hasMessage("no API key named CI");
    }

    @Test
    void resolveWhenSeveralKeysHaveTheNameThenAsksForTheId() {
        assertThatThrownBy(() -> new KeyResolver(client).resolve("twin"))
                .isInstanceOf(CliException.class)
                .hasMessage("several API keys are named twin; use the ID");
    }
}

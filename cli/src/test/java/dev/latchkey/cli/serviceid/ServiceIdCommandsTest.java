package dev.latchkey.cli.serviceid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.CliException;
import dev.latchkey.cli.CliRun;
import dev.latchkey.cli.Json;
import dev.latchkey.cli.ProfileStore;
import dev.latchkey.cli.Resolved;
import dev.latchkey.cli.StubServerTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service ID commands against a stub server: what they send, what they print, how names resolve. */
class ServiceIdCommandsTest extends StubServerTest {
    static final String LIST = "/v1/serviceids/?account_id=acc1&pagesize=100";
    static final String SECRET = "lk_NEWSECRET0123456789abcdefghijklmnopqrstuvwxyzAB";

    @TempDir
    Path work;

    @BeforeEach
    void answers() {
        server.on("GET", LIST + "&name=billing", 200, "{\"serviceids\":[{\"id\":\"ServiceId-b\",\"name\":\"billing\"}]}");
        server.on("GET", LIST + "&name=twin", 200, "{\"serviceids\":[{\"id\":\"ServiceId-1\",\"name\":\"twin\"},"
                + "{\"id\":\"ServiceId-2\",\"name\":\"twin\"}]}");
        server.on("GET", LIST + "&name=nobody", 200, "{\"serviceids\":[]}");
    }

    @Test
    void resolveUsesAnIdAsIsAndLooksANameUpInTheLoggedInAccount() {
        try (ApiClient client = new ApiClient(new ProfileStore(config), new ProfileStore(config).load().orElseThrow(),
                Clock.systemUTC())) {
            ServiceIdResolver resolver = new ServiceIdResolver(client);
            assertThat(resolver.resolve("ServiceId-x")).isEqualTo(new Resolved("/v1/serviceids", "ServiceId-x", null));
            assertThat(server.requests("GET", "/v1/serviceids")).isEmpty();
            Resolved billing = resolver.resolve("billing");
            assertThat(billing).isEqualTo(new Resolved("/v1/serviceids", "ServiceId-b", "billing"));
            assertThat(ServiceIdResolver.iamId(billing)).isEqualTo("iam-ServiceId-b");
            assertThat(billing.path()).isEqualTo("/v1/serviceids/ServiceId-b");
            assertThatThrownBy(() -> resolver.resolve("nobody")).isInstanceOf(CliException.class)
                    .hasMessage("no service ID named nobody");
            assertThatThrownBy(() -> resolver.resolve("twin")).isInstanceOf(CliException.class)
                    .hasMessage("several service IDs are named twin; use the ID");
        }
    }

    @Test
    void createSendsTheAccountOfTheTokenAndNamesWhatItMade() {
        server.on("POST", "/v1/serviceids/", 201, "{\"id\":\"ServiceId-n\",\"name\":\"ci\"}");

        CliRun run = CliRun.run(config, "", "service-id-create", "ci", "-d", "deploys");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("Created service ID ci (ServiceId-n).\n");
        assertThat(Json.parse(server.requests("POST", "/v1/serviceids/").get(0).body()))
                .isEqualTo(Json.parse("{\"account_id\":\"acc1\",\"name\":\"ci\",\"description\":\"deploys\"}"));
    }

    @Test
    void serviceKeyCreateSendsTheServiceIdsIamIdAndStoreValueAndCanWriteAFile() throws IOException {
        server.on("POST", "/v1/apikeys", 201, "{\"id\":\"ApiKey-9\",\"name\":\"k\",\"apikey\":\"" + SECRET
                + "\",\"created_at\":\"2030-01-01T00:00+0000\"}");
        Path file = work.resolve("k.json");

        CliRun run = CliRun.run(config, "", "service-api-key-create", "k", "billing", "--store-value", "--file",
                file.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out() + run.err()).doesNotContain(SECRET).contains(file.toString());
        assertThat(Json.parse(server.requests("POST", "/v1/apikeys").get(0).body()))
                .isEqualTo(Json.parse("{\"name\":\"k\",\"iam_id\":\"iam-ServiceId-b\",\"store_value\":true}"));
        assertThat(Json.parse(Files.readString(file)).path("apikey").asText()).isEqualTo(SECRET);
    }

    @Test
    void serviceKeyCreateForAnUnknownServiceIdCreatesNothingAndLeavesNoFile() {
        Path file = work.resolve("never.json");

        CliRun run = CliRun.run(config, "", "service-api-key-create", "k", "nobody", "--file", file.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("latchkey: no service ID named nobody\n");
        assertThat(server.requests("POST", "/v1/apikeys")).isEmpty();
        assertThat(file).doesNotExist();
    }

    @Test
    void updateSendsTheEtagItReadAsIfMatch() {
        server.on("GET", "/v1/serviceids/ServiceId-b", 200, "{\"id\":\"ServiceId-b\",\"name\":\"billing\"}",
                Map.of("Etag", "3-abc"));
        server.on("PUT", "/v1/serviceids/ServiceId-b", 200, "{\"id\":\"ServiceId-b\",\"name\":\"invoicing\"}");

        CliRun run = CliRun.run(config, "", "service-id-update", "billing", "-n", "invoicing");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("Updated service ID invoicing (ServiceId-b).\n");
        assertThat(server.requests("PUT", "/v1/serviceids/").get(0).header("If-Match")).isEqualTo("3-abc");
        assertThat(CliRun.run(config, "", "service-id-update", "billing").exitCode()).as("nothing to update").isEqualTo(2);
    }

    @Test
    void deleteAsksFirstAndRefusesWithoutAnAnswer() {
        server.on("DELETE", "/v1/serviceids/ServiceId-b", 204, "");

        CliRun declined = CliRun.run(config, "n\n", "service-id-delete", "billing");
        CliRun closed = CliRun.run(config, "", "service-id-delete", "billing");
        CliRun confirmed = CliRun.run(config, "y\n", "service-id-delete", "billing");

        assertThat(declined.exitCode()).isEqualTo(1);
        assertThat(closed.exitCode()).isEqualTo(1);
        assertThat(closed.err()).contains("use -f");
        assertThat(confirmed.exitCode()).isZero();
        assertThat(confirmed.out()).isEqualTo("Deleted service ID billing (ServiceId-b) and its API keys.\n");
        assertThat(server.requests("DELETE", "/v1/serviceids/")).hasSize(1);
    }
}

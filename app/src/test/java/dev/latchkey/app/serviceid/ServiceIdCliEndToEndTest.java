package dev.latchkey.app.serviceid;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.app.support.LatchkeyCli.Run;
import dev.latchkey.app.support.CliEndToEnd;
import dev.latchkey.app.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The {@code latchkey} service ID commands against a real server, as a user would type them. */
class ServiceIdCliEndToEndTest extends CliEndToEnd {
    static final Pattern KEY = Pattern.compile("lk_[0-9A-Za-z]{49}");

    static String key(String text) {
        Matcher matcher = KEY.matcher(text);
        assertThat(matcher.find()).as("a key value in: " + text).isTrue();
        return matcher.group();
    }

    @Test
    void anAdministratorManagesServiceIdsAndTheirKeysFromTheCommandLine() throws Exception {
        assertThat(latchkey("login", "--apikey", server.adminKey, "--url", server.url).exit()).isZero();

        Run created = latchkey("service-id-create", "billing", "-d", "bills customers");
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(created.out()).matches("Created service ID billing \\(ServiceId-[0-9a-f-]{36}\\)\\.\\n");
        String id = created.out().substring(created.out().indexOf("(") + 1, created.out().indexOf(")"));

        Run list = latchkey("service-ids");
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out()).contains("ID", "NAME", id, "billing", "bills customers");

        Run stored = latchkey("service-api-key-create", "billing-key", "billing", "-d", "for the job", "--store-value");
        assertThat(stored.exit()).as(stored.err()).isZero();
        assertThat(stored.out()).contains("Created API key billing-key (ApiKey-", "cannot be shown again");
        String value = key(stored.out());
        assertThat(server.token(value)).isNotBlank();
        String keyId = stored.out().substring(stored.out().indexOf("(") + 1, stored.out().indexOf(")"));
        Run shownKey = latchkey("api-key", keyId, "--output", "json");
        assertThat(TestServer.JSON.readTree(shownKey.out()).get("apikey").asText()).isEqualTo(value);

        Path file = configDir.resolve("billing-key.json");
        Run toFile = latchkey("service-api-key-create", "file-key", id, "--file", file.toString());
        assertThat(toFile.exit()).as(toFile.err()).isZero();
        assertThat(toFile.out()).doesNotContainPattern(KEY.pattern());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String fileValue = key(Files.readString(file));

        Run keys = latchkey("api-keys", "--iam-id", "iam-" + id);
        assertThat(keys.out()).contains("billing-key", "file-key").doesNotContainPattern(KEY.pattern());

        Run shown = latchkey("service-id", "billing", "--activity");
        assertThat(shown.exit()).as(shown.err()).isZero();
        assertThat(shown.out()).contains(id, "iam-" + id, "bills customers", "Authentications", "create")
                .containsPattern("Authentications\\s+1");

        Run updated = latchkey("service-id-update", "billing", "-n", "invoicing", "-d", "");
        assertThat(updated.exit()).as(updated.err()).isZero();
        assertThat(updated.out()).isEqualTo("Updated service ID invoicing (" + id + ").\n");
        Run missing = latchkey("service-id", "billing");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("no service ID named billing");

        assertThat(latchkey("service-id-lock", "invoicing").out()).isEqualTo("Locked service ID invoicing (" + id + ").\n");
        Run lockedDelete = latchkey("service-id-delete", "invoicing", "-f");
        assertThat(lockedDelete.exit()).isEqualTo(1);
        assertThat(lockedDelete.err()).contains("locked").contains("HTTP 409");
        assertThat(latchkey("service-id-unlock", "invoicing").exit()).isZero();

        Run unconfirmed = latchkey("service-id-delete", "invoicing");
        assertThat(unconfirmed.exit()).isEqualTo(1);
        assertThat(unconfirmed.err()).contains("-f");
        Run deleted = latchkey("service-id-delete", id, "-f");
        assertThat(deleted.exit()).as(deleted.err()).isZero();
        assertThat(deleted.out()).contains("Deleted service ID", id);
        assertThat(server.tokenFor(value).status()).isEqualTo(400);
        assertThat(server.tokenFor(fileValue).status()).isEqualTo(400);
        assertThat(latchkey("service-ids").err()).contains("No service IDs found.");
    }

    /** The id in a CLI line such as {@code Created API key NAME (ApiKey-...).} */
    static String idIn(String line) {
        return line.substring(line.indexOf("(") + 1, line.indexOf(")"));
    }

    @Test
    void aServiceIdsKeyIsNamedByItsNameWithServiceIdInEveryKeyCommand() {
        assertThat(latchkey("login", "--apikey", server.adminKey, "--url", server.url).exit()).isZero();
        assertThat(latchkey("service-id-create", "deployer").exit()).isZero();
        String serviceKey = idIn(latchkey("service-api-key-create", "ci", "deployer").out());
        Run own = latchkey("api-key-create", "ci");
        assertThat(own.exit()).as(own.err()).isZero();
        String ownKey = idIn(own.out());
        String token = server.token(server.adminKey);

        Run disabled = latchkey("api-key-disable", "ci", "--service-id", "deployer");
        assertThat(disabled.exit()).as(disabled.err()).isZero();
        assertThat(disabled.out()).isEqualTo("Disabled API key ci (" + serviceKey + ").\n");
        assertThat(server.get("/v1/apikeys/" + serviceKey, token).body().get("disabled").asBoolean()).isTrue();
        assertThat(server.get("/v1/apikeys/" + ownKey, token).body().get("disabled").asBoolean())
                .as("the caller's own key of that name is not touched").isFalse();
        assertThat(latchkey("api-key-enable", "ci", "--service-id", "deployer").exit()).isZero();
        assertThat(latchkey("api-key-lock", "ci", "--service-id", "deployer").exit()).isZero();
        Run shown = latchkey("api-key", "ci", "--service-id", "deployer", "--output", "json");
        assertThat(shown.exit()).as(shown.err()).isZero();
        assertThat(shown.out()).contains(serviceKey, "\"locked\" : true", "\"disabled\" : false");
        assertThat(latchkey("api-key-unlock", "ci", "--service-id", "deployer").exit()).isZero();
        Run updated = latchkey("api-key-update", "ci", "--service-id", "deployer", "-d", "deploys from CI");
        assertThat(updated.exit()).as(updated.err()).isZero();
        assertThat(server.get("/v1/apikeys/" + serviceKey, token).body().get("description").asText())
                .isEqualTo("deploys from CI");
        assertThat(latchkey("api-keys", "--service-id", "deployer").out()).contains(serviceKey)
                .doesNotContain(ownKey);

        // an ID that is not the named service ID's key stops the command before it acts
        Run notItsKey = latchkey("api-key-disable", ownKey, "--service-id", "deployer");
        assertThat(notItsKey.exit()).isEqualTo(1);
        assertThat(notItsKey.err()).contains("is not a key of iam-ServiceId-");
        assertThat(server.get("/v1/apikeys/" + ownKey, token).body().get("disabled").asBoolean()).isFalse();
        Run noSuchName = latchkey("api-key-lock", "cd", "--service-id", "deployer");
        assertThat(noSuchName.exit()).isEqualTo(1);
        assertThat(noSuchName.err()).contains("no API key named cd");

        Run deleted = latchkey("api-key-delete", "ci", "--service-id", "deployer", "-f");
        assertThat(deleted.exit()).as(deleted.err()).isZero();
        assertThat(server.get("/v1/apikeys/" + serviceKey, token).status()).isEqualTo(404);
        assertThat(server.get("/v1/apikeys/" + ownKey, token).status()).isEqualTo(200);
        assertThat(latchkey("api-key-delete", "ci", "-f").exit()).isZero();
        assertThat(latchkey("service-id-delete", "deployer", "-f").exit()).isZero();
    }

    @Test
    void serviceIdGroupsAreMadeFilledEmptiedAndDeletedFromTheCommandLine() {
        assertThat(latchkey("login", "--apikey", server.adminKey, "--url", server.url).exit()).isZero();

        Run group = latchkey("service-id-group-create", "payments", "-d", "payment jobs");
        assertThat(group.exit()).as(group.err()).isZero();
        assertThat(group.out()).matches("Created service ID group payments \\(ServiceIdGroup-[0-9a-f-]{36}\\)\\.\\n");
        String groupId = group.out().substring(group.out().indexOf("(") + 1, group.out().indexOf(")"));
        Run taken = latchkey("service-id-group-create", "payments");
        assertThat(taken.exit()).isEqualTo(1);
        assertThat(taken.err()).contains("'payments'", "HTTP 409");
        assertThat(latchkey("service-id-groups").out()).contains(groupId, "payments", "payment jobs");

        Run member = latchkey("service-id-create", "payment-runner", "--group", "payments");
        assertThat(member.exit()).as(member.err()).isZero();
        assertThat(latchkey("service-id", "payment-runner").out()).containsPattern("Group\\s+" + groupId);
        Run inUse = latchkey("service-id-group-delete", "payments", "-f");
        assertThat(inUse.exit()).isEqualTo(1);
        assertThat(inUse.err()).contains("still has service IDs", "HTTP 409");

        Run out = latchkey("service-id-update", "payment-runner", "--group", "");
        assertThat(out.exit()).as(out.err()).isZero();
        assertThat(latchkey("service-id", "payment-runner").out()).containsPattern("Group\\s+-");
        Run deleted = latchkey("service-id-group-delete", "payments", "-f");
        assertThat(deleted.exit()).as(deleted.err()).isZero();
        assertThat(deleted.out()).isEqualTo("Deleted service ID group payments (" + groupId + ").\n");
        assertThat(latchkey("service-id-groups").err()).contains("No service ID groups found.");
        assertThat(latchkey("service-id-delete", "payment-runner", "-f").exit()).isZero();
    }
}

package dev.latchkey.app.resource;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.app.support.LatchkeyCli.Run;
import dev.latchkey.app.support.CliEndToEnd;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The {@code latchkey} instance and credential commands against a real server, as a user would type them. */
class ResourceCliEndToEndTest extends CliEndToEnd {
    static final Pattern KEY = Pattern.compile("apikey: (lk_[0-9A-Za-z]{49})");

    @Test
    void anOwnerMakesAnInstanceAndACredentialUsesItAndDeletesBothFromTheCommandLine() {
        assertThat(latchkey("login", "--apikey", server.adminKey, "--url", server.url).exit()).isZero();

        Run created = latchkey("resource-instance-create", "shelf", "--service", "books");
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(created.out()).containsPattern("Created instance shelf \\([0-9a-f-]{36}\\) of service books\\.\\n"
                + "CRN: crn:v1:bluemix:public:books:global:a/[0-9a-f]{32}:[0-9a-f-]{36}::\\n");
        Run instances = latchkey("resource-instances");
        assertThat(instances.out()).contains("GUID", "shelf", "books", "plan-free", "active");

        Run key = latchkey("resource-key-create", "app", "--instance", "shelf");
        assertThat(key.exit()).as(key.err()).isZero();
        assertThat(key.out()).contains("Created resource key app (", "iam_role_crn: crn:v1:bluemix:public:iam::::"
                + "serviceRole:Writer", "iam_serviceid_crn: crn:v1:bluemix:public:iam-identity::");
        Matcher value = KEY.matcher(key.out());
        assertThat(value.find()).as(key.out()).isTrue();
        assertThat(server.token(value.group(1))).isNotBlank();

        Run keys = latchkey("resource-keys", "--instance", "shelf");
        assertThat(keys.out()).contains("app", "Writer").doesNotContain(value.group(1));
        Run shown = latchkey("resource-key", "app");
        assertThat(shown.out()).contains("ApiKey-", "use --output json").doesNotContain(value.group(1));

        Run refused = latchkey("resource-instance-delete", "shelf", "-f");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("recursive=true");
        Run keyDeleted = latchkey("resource-key-delete", "app", "-f");
        assertThat(keyDeleted.exit()).as(keyDeleted.err()).isZero();
        assertThat(server.tokenFor(value.group(1)).status()).isEqualTo(400);
        assertThat(latchkey("resource-keys").err()).contains("No resource keys found.");

        Run deleted = latchkey("resource-instance-delete", "shelf", "--recursive", "-f");
        assertThat(deleted.exit()).as(deleted.err()).isZero();
        assertThat(deleted.out()).startsWith("Deleted instance shelf (");
        assertThat(latchkey("resource-instances").err()).contains("No service instances found.");
    }

    @Test
    void anOwnerRegistersAPlanCreatesAnInstanceByThePlanAloneAndDeletesThePlanOnceItIsUnused() {
        assertThat(latchkey("login", "--apikey", server.adminKey, "--url", server.url).exit()).isZero();

        Run registered = latchkey("resource-plan-create", "films-gold", "--service", "films", "--name", "Gold");
        assertThat(registered.exit()).as(registered.err()).isZero();
        assertThat(registered.out()).isEqualTo("Registered plan Gold (films-gold) of service films.\n");
        assertThat(latchkey("resource-plans").out()).contains("films-gold", "Gold", "films", "cloud-object-storage",
                "Standard");

        Run created = latchkey("resource-instance-create", "reel", "--plan", "films-gold");
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(created.out()).contains("of service films.");
        Run inUse = latchkey("resource-plan-delete", "films-gold", "-f");
        assertThat(inUse.exit()).isEqualTo(1);
        assertThat(inUse.err()).contains("is used by 1 active instance(s)");

        assertThat(latchkey("resource-instance-delete", "reel", "-f").exit()).isZero();
        Run deleted = latchkey("resource-plan-delete", "films-gold", "-f");
        assertThat(deleted.exit()).as(deleted.err()).isZero();
        assertThat(latchkey("resource-plans", "--service", "films").err()).contains("No plans found.");
    }
}

package dev.latchkey.app.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.app.support.CliEndToEnd;
import dev.latchkey.app.support.LatchkeyCli;
import dev.latchkey.app.support.LatchkeyCli.Run;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code latchkey} access group commands against a real server, as a user would type them: the owner builds a
 * group and fills it; a member that the group lets read groups is refused when it tries to add itself elsewhere.
 */
class AccessGroupCliEndToEndTest extends CliEndToEnd {
    static final Pattern KEY = Pattern.compile("lk_[0-9A-Za-z]{49}");
    static final Pattern GROUP_ID = Pattern.compile("AccessGroupId-[0-9a-f-]{36}");
    @TempDir
    Path memberConfig;

    Run member(String... args) {
        return new LatchkeyCli(memberConfig).run(args);
    }

    @Test
    void theOwnerBuildsAGroupAndFillsItAndAMemberCannotGrantItselfMore() throws Exception {
        assertThat(latchkey("login", "--apikey", server.adminKey, "--url", server.url).exit()).isZero();
        assertThat(latchkey("user-invite", "alice@example.com", "--first-name", "Alice").exit()).isZero();
        assertThat(latchkey("service-id-create", "billing").exit()).isZero();
        String billingKey = first(KEY, latchkey("service-api-key-create", "billing-key", "billing").out());

        Run created = latchkey("access-group-create", "Group readers", "-d", "may read every access group");
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(created.out()).matches("Created access group Group readers \\(AccessGroupId-[0-9a-f-]{36}\\)\\.\\n");
        String readers = first(GROUP_ID, created.out());
        Run admins = latchkey("access-group-create", "Group admins");
        assertThat(admins.exit()).as(admins.err()).isZero();
        String adminsId = first(GROUP_ID, admins.out());

        Run policy = latchkey("policy-create", "--access-group", "Group readers", "--roles", "Viewer",
                "--service-name", "iam-groups");
        assertThat(policy.exit()).as(policy.err()).isZero();
        Run adminPolicy = latchkey("policy-create", "--access-group", adminsId, "--roles", "Administrator",
                "--service-name", "iam-groups");
        assertThat(adminPolicy.exit()).as(adminPolicy.err()).isZero();
        assertThat(adminPolicy.out()).contains("for " + adminsId);

        Run added = latchkey("access-group-add", "Group readers", "--user", "alice@example.com", "--service-id",
                "billing");
        assertThat(added.exit()).as(added.err()).isZero();
        assertThat(added.out()).contains("Added alice@example.com (IBMid-", "Added billing (ServiceId-",
                "to access group Group readers (" + readers + ")");

        Run shown = latchkey("access-group", "Group readers");
        assertThat(shown.exit()).as(shown.err()).isZero();
        assertThat(shown.out()).contains(readers, "may read every access group", "alice@example.com", "Alice",
                "billing", "service", "user");
        Run ofBilling = latchkey("access-groups", "--service-id", "billing");
        assertThat(ofBilling.out()).contains("Group readers").doesNotContain("Group admins");

        // billing now reads groups through its group, and nothing more: it cannot join the admins' group
        assertThat(member("login", "--apikey", billingKey, "--url", server.url).exit()).isZero();
        Run seen = member("access-groups");
        assertThat(seen.exit()).as(seen.err()).isZero();
        assertThat(seen.out()).contains("Group readers", "Group admins");
        String billing = "iam-" + first(Pattern.compile("ServiceId-[0-9a-f-]{36}"), added.out());
        Run refused = member("access-group-add", adminsId, "--service-id", billing);
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).startsWith("latchkey: ");
        assertThat(latchkey("access-groups", "--service-id", "billing").out()).doesNotContain("Group admins");
        Run renameRefused = member("access-group-update", "Group readers", "-n", "mine");
        assertThat(renameRefused.exit()).isEqualTo(1);

        Run renamed = latchkey("access-group-update", "Group readers", "-n", "Group viewers");
        assertThat(renamed.exit()).as(renamed.err()).isZero();
        assertThat(renamed.out()).isEqualTo("Updated access group Group viewers (" + readers + ").\n");

        Run removed = latchkey("access-group-remove", "Group viewers", "--user", "alice@example.com");
        assertThat(removed.exit()).as(removed.err()).isZero();
        String alice = first(Pattern.compile("IBMid-[0-9A-Za-z]+"), added.out());
        String token = server.token(server.adminKey);
        assertThat(server.call("HEAD", "/v2/groups/" + readers + "/members/" + alice, token, null,
                java.util.Map.of()).status()).isEqualTo(404);
        Run notAMember = latchkey("access-group-remove", "Group viewers", "--user", alice);
        assertThat(notAMember.exit()).isEqualTo(1);
        assertThat(notAMember.err()).startsWith("latchkey: not removed " + alice + ": ");

        Run withMembers = latchkey("access-group-delete", "Group viewers", "-f");
        assertThat(withMembers.exit()).isEqualTo(1);
        assertThat(withMembers.err()).contains("has 1 member", "With this command: -r.");
        assertThat(server.get("/v2/groups/" + readers, token).status()).isEqualTo(200);
        Run deleted = latchkey("access-group-delete", "Group viewers", "-f", "-r");
        assertThat(deleted.exit()).as(deleted.err()).isZero();
        assertThat(deleted.out()).isEqualTo("Deleted access group Group viewers (" + readers + ").\n");
        assertThat(server.get("/v2/groups/" + readers, token).status()).isEqualTo(404);
        Run lost = member("access-groups");
        assertThat(lost.exit()).as(lost.err()).isZero();
        assertThat(lost.err()).as("billing's access went with the group").isEqualTo("No access groups found.\n");
    }
}

package dev.latchkey.app.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import dev.latchkey.app.support.Browser;
import dev.latchkey.app.support.Fixtures;
import dev.latchkey.app.support.LogWatch;
import dev.latchkey.app.support.NotificationTestKit;
import dev.latchkey.app.support.TestServer;
import dev.latchkey.app.support.TestServer.Answer;
import dev.latchkey.console.Visit;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Users, User details, the profile and passwords by mail, in a real browser against a server whose mail goes to a
 * GreenMail SMTP server: invite a user and join through the mailed link, change a password, reset a forgotten one,
 * a classic infrastructure key made on User details and deleted by the inviter, and removing a user.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleUsersTest {
    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);
    static final String PASSWORD = "correct horse battery staple";
    static final String NEW_PASSWORD = "a brand new password, long";

    TestServer server;
    Browser browser;
    LogWatch logs;
    Fixtures fixtures;
    String ownerToken;
    String accountId;
    final List<BrowserContext> contexts = new ArrayList<>();

    /** A user invited by the owner through the API who accepted with {@link #PASSWORD}. */
    record Invitee(String iamId, String email) {
    }

    @BeforeAll
    void start() {
        browser = Browser.start();
        logs = LogWatch.start();
        logs.secret(PASSWORD);
        logs.secret(NEW_PASSWORD);
        server = TestServer.start(TestServer.config(false).withNotifications(NotificationTestKit.driven()
                .withSmtp(NotificationTestKit.smtp(MAIL.getSmtp().getPort()))));
        fixtures = new Fixtures(server);
        ownerToken = server.token(server.adminKey);
        accountId = server.get("/v1/apikeys", ownerToken).body().get("apikeys").get(0).get("account_id").asText();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            logs.secret(server.adminKey);
            server.close();
        }
        if (logs != null) { // null when the class was skipped: no browser on this machine
            logs.assertNoSecretLogged();
        }
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void emptyMailbox() throws Exception {
        MAIL.purgeEmailFromAllMailboxes();
    }

    @AfterEach
    void closeContexts() {
        contexts.forEach(BrowserContext::close);
        contexts.clear();
    }

    Page newPage() {
        BrowserContext context = browser.context();
        contexts.add(context);
        return context.newPage();
    }

    Page signInWithApiKey(String apikey) {
        Page page = newPage();
        page.navigate(server.url + "/login");
        page.getByLabel("API key").fill(apikey);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in with API key")).click();
        assertThat(page).hasURL(server.url + "/iam/apikeys");
        return page;
    }

    void logIn(Page page, String email, String password) {
        page.navigate(server.url + "/login");
        page.getByLabel("E-mail").fill(email);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in").setExact(true)).click();
    }

    Page signInWithPassword(String email, String password) {
        Page page = newPage();
        logIn(page, email, password);
        assertThat(page).hasURL(server.url + "/iam/apikeys");
        return page;
    }

    Invitee invitee() {
        String email = "person-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        Answer invited = server.post("/v2/accounts/" + accountId + "/users", ownerToken, "{\"users\":[{\"email\":\""
                + email + "\",\"account_role\":\"Member\"}]}");
        assertThat(invited.status()).as(invited.raw()).isEqualTo(202);
        JsonNode one = invited.body().get("resources").get(0);
        Answer accepted = server.post("/v2/users/accept", null, "{\"invitation_token\":\""
                + one.get("invitation_token").asText() + "\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(202);
        return new Invitee(one.get("id").asText(), email);
    }

    /** The one new mail's recipient and body, after waiting for it. */
    static MimeMessage receiveOne() throws Exception {
        assertThat(MAIL.waitForIncomingEmail(10_000, 1)).as("a mail arrives").isTrue();
        MimeMessage[] received = MAIL.getReceivedMessages();
        assertThat(received).hasSize(1);
        return received[0];
    }

    String linkIn(MimeMessage mail, String path) throws Exception {
        Matcher m = Pattern.compile(Pattern.quote(server.url + path) + "\\?token=\\S+")
                .matcher(mail.getContent().toString());
        assertThat(m.find()).as("a link to %s in the mail", path).isTrue();
        logs.secret(m.group().substring(m.group().indexOf("token=") + "token=".length()));
        return m.group();
    }

    @Test
    void anInvitedUserJoinsThroughTheMailedLinkAndSeesOnlyTheirOwnKeys() throws Exception {
        Page owner = signInWithApiKey(server.adminKey);
        owner.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Users").setExact(true)).click();
        assertThat(owner).hasURL(server.url + "/iam/users");
        owner.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Invite users")).click();
        Locator dialog = owner.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Invite users"));
        assertThat(dialog.getByLabel("Functional ID")).not().isChecked();
        String email = "new.colleague-" + UUID.randomUUID().toString().substring(0, 6) + "@example.com";
        dialog.getByLabel("E-mail").fill(email);
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Invite").setExact(true)).click();
        assertThat(owner.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Invitation sent")))
                .isVisible();
        assertThat(owner.locator("#invite-link")).hasCount(0);

        MimeMessage mail = receiveOne();
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo(email);
        assertThat(mail.getSubject()).contains("invited you to");
        String link = linkIn(mail, "/invite");
        assertThat(link).contains("token=lkinv_");

        owner.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Close")).click();
        Locator row = owner.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(email));
        assertThat(row).containsText("Pending");
        assertThat(row).containsText(NotificationTestKit.OWNER_EMAIL);
        Browser.screenshot(owner, "users");
        Browser.assertAccessible(owner);

        Page invitee = newPage();
        Response opened = invitee.navigate(link);
        assertThat(opened.status()).isEqualTo(200);
        assertThat(invitee.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Join"))).isVisible();
        assertThat(invitee.getByText(email)).isVisible();
        invitee.getByLabel("Choose a password").fill(PASSWORD);
        invitee.getByLabel("Repeat the password").fill(PASSWORD + " typo");
        Browser.screenshot(invitee, "invite-accept");
        Browser.assertAccessible(invitee);
        invitee.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Accept invitation")).click();
        assertThat(invitee.getByRole(AriaRole.ALERT)).containsText("differ");
        invitee.getByLabel("Choose a password").fill(PASSWORD);
        invitee.getByLabel("Repeat the password").fill(PASSWORD);
        invitee.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Accept invitation")).click();
        assertThat(invitee).hasURL(server.url + "/iam/apikeys");
        assertThat(invitee.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(email))).isVisible();

        assertThat(invitee.getByLabel("View").locator("option")).hasText(new String[] {"My API keys",
                "Classic infrastructure API keys"});
        assertThat(invitee.getByText("You have no API keys yet")).isVisible();
        Response forced = invitee.navigate(server.url + "/iam/apikeys?view=users");
        assertThat(forced.status()).isEqualTo(403);
        assertThat(invitee.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Forbidden"))).isVisible();

        invitee.navigate(server.url + "/iam/users");
        assertThat(invitee.getByRole(AriaRole.ROW)).hasCount(2);
        assertThat(invitee.getByText("You see only yourself here")).isVisible();
        assertThat(invitee.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Invite users")))
                .hasCount(0);

        invitee.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log out")).click();
        logIn(invitee, email, PASSWORD);
        assertThat(invitee).hasURL(server.url + "/iam/apikeys");
        Response again = invitee.navigate(link);
        assertThat(again.status()).as("the link works once").isEqualTo(400);
        assertThat(invitee.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions()
                .setName("Invitation not found"))).isVisible();

        owner.reload();
        assertThat(owner.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(email)))
                .containsText("Active");
    }

    @Test
    void theUsersListIsSearchedByEMailOrNameAndKeepsTheSearchFromPageToPage() {
        Invitee one = invitee();
        Invitee other = invitee();
        for (int i = 0; i < Visit.PAGE_SIZE + 1; i++) {
            fixtures.member(accountId); // each a "Test User"
        }
        Page owner = signInWithApiKey(server.adminKey);
        owner.navigate(server.url + "/iam/users");
        owner.getByLabel("Search").fill(one.email().substring(0, one.email().indexOf('@')).toUpperCase());
        owner.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Apply")).click();
        assertThat(owner.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(one.email())))
                .isVisible();
        assertThat(owner.getByText(other.email())).hasCount(0);
        assertThat(owner.getByText("1 user found")).isVisible();
        Browser.assertAccessible(owner);

        owner.getByLabel("Search").fill("test user");
        owner.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Apply")).click();
        assertThat(owner.locator("tbody tr")).hasCount(Visit.PAGE_SIZE);
        owner.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Next")).click();
        assertThat(owner.getByLabel("Search")).hasValue("test user");
        assertThat(owner.locator("tbody tr").first()).containsText("Test User");
        assertThat(owner.getByText(one.email())).hasCount(0);

        owner.navigate(server.url + "/iam/users?search=nobody-at-all");
        assertThat(owner.getByText("No user's e-mail or name contains “nobody-at-all”.")).isVisible();
    }

    @Test
    void changingThePasswordEndsTheOtherSessionsAndTheOldOneNoLongerSignsIn() {
        Invitee user = invitee();
        Page elsewhere = signInWithPassword(user.email(), PASSWORD);
        Page page = signInWithPassword(user.email(), PASSWORD);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(user.email())).click();
        assertThat(page).hasURL(server.url + "/profile");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Change password")))
                .isVisible();
        assertThat(page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Your accounts"))
                .getByRole(AriaRole.LISTITEM)).hasCount(1);

        page.getByLabel("Current password").fill("not my password at all");
        page.getByLabel("New password", new Page.GetByLabelOptions().setExact(true)).fill(NEW_PASSWORD);
        page.getByLabel("Repeat the new password").fill(NEW_PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Change password")).click();
        assertThat(page.getByRole(AriaRole.ALERT)).hasText("The current password is not right.");

        page.getByLabel("Current password").fill(PASSWORD);
        page.getByLabel("New password", new Page.GetByLabelOptions().setExact(true)).fill(NEW_PASSWORD);
        page.getByLabel("Repeat the new password").fill(NEW_PASSWORD);
        Browser.screenshot(page, "profile");
        Browser.assertAccessible(page);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Change password")).click();
        assertThat(page).hasURL(server.url + "/profile?changed=password");
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Your password was changed");

        elsewhere.navigate(server.url + "/iam/apikeys");
        assertThat(elsewhere).hasURL(java.util.regex.Pattern.compile(".*/login\\?next=.*"));

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log out")).click();
        logIn(page, user.email(), PASSWORD);
        assertThat(page.getByRole(AriaRole.ALERT)).isVisible();
        assertThat(page).hasURL(server.url + "/login");
        logIn(page, user.email(), NEW_PASSWORD);
        assertThat(page).hasURL(server.url + "/iam/apikeys");
    }

    @Test
    void aForgottenPasswordIsResetOnceThroughTheMailedLink() throws Exception {
        Invitee user = invitee();
        Page page = newPage();
        page.navigate(server.url + "/login");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Forgot password?")).click();
        assertThat(page).hasURL(server.url + "/forgot-password");
        page.getByLabel("E-mail").fill(user.email());
        Browser.screenshot(page, "forgot-password");
        Browser.assertAccessible(page);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send reset link")).click();
        String known = page.getByRole(AriaRole.STATUS).textContent();
        assertThat(known).contains("we sent a link");

        MimeMessage mail = receiveOne();
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo(user.email());
        String link = linkIn(mail, "/reset-password");

        String unknownAddress = "nobody-" + UUID.randomUUID().toString().substring(0, 6) + "@example.com";
        page.getByLabel("E-mail").fill(unknownAddress);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send reset link")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText(known.replace(user.email(), unknownAddress));
        assertThat(MAIL.waitForIncomingEmail(1_500, 2)).as("no mail for an unknown address").isFalse();

        Response opened = page.navigate(link);
        assertThat(opened.status()).isEqualTo(200);
        page.getByLabel("New password", new Page.GetByLabelOptions().setExact(true)).fill(NEW_PASSWORD);
        page.getByLabel("Repeat the new password").fill(NEW_PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Set password")).click();
        assertThat(page).hasURL(server.url + "/login?done=reset");
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Your password was changed");
        Browser.assertAccessible(page);
        logIn(page, user.email(), NEW_PASSWORD);
        assertThat(page).hasURL(server.url + "/iam/apikeys");

        Response second = page.navigate(link);
        assertThat(second.status()).as("a second use of the link").isEqualTo(400);
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Link not valid")))
                .isVisible();
        Browser.assertAccessible(page);
    }

    @Test
    void aClassicKeyMadeOnUserDetailsIsSeenAndDeletedByTheInviter() {
        Invitee user = invitee();
        fixtures.key(accountId, user.iamId(), null, false);
        Page mine = signInWithPassword(user.email(), PASSWORD);
        mine.navigate(server.url + "/iam/users");
        mine.getByRole(AriaRole.TABLE).getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(user.email())
                .setExact(true)).click();
        assertThat(mine).hasURL(server.url + "/iam/users/" + user.iamId());
        assertThat(mine.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("API keys of " + user.email())))
                .containsText("fixture");
        mine.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create classic infrastructure API key"))
                .click();
        String value = mine.getByLabel("Key of " + user.email(), new Page.GetByLabelOptions().setExact(true))
                .inputValue();
        assertThat(value).startsWith("lkc_");
        assertThat(server.classicAuthenticate(user.email(), value).status()).isEqualTo(200);
        Browser.assertAccessible(mine);
        mine.getByRole(AriaRole.DIALOG).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Close"))
                .click();
        assertThat(mine.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions()
                .setName("Create classic infrastructure API key"))).hasCount(0);

        Page inviter = signInWithApiKey(server.adminKey);
        inviter.navigate(server.url + "/iam/users");
        inviter.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(user.email()).setExact(true)).click();
        assertThat(inviter.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(user.email())))
                .isVisible();
        assertThat(inviter.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions()
                .setName("Classic infrastructure API keys"))).containsText(user.email());
        assertThat(inviter.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions()
                .setName("Show the classic infrastructure API key of " + user.email()))).hasCount(0);
        Browser.screenshot(inviter, "user-details");
        Browser.assertAccessible(inviter);
        inviter.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions()
                .setName("Delete the classic infrastructure API key of " + user.email())).click();
        inviter.getByRole(AriaRole.DIALOG).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                .setName("Delete")).click();
        assertThat(inviter).hasURL(server.url + "/iam/users/" + user.iamId());
        assertThat(inviter.getByText("There are no classic infrastructure API keys to show.")).isVisible();
        assertThat(server.classicAuthenticate(user.email(), value).status()).isEqualTo(401);

        Response forced = mine.navigate(server.url + "/iam/users/" + fixtures.member(accountId).iamId());
        assertThat(forced.status()).as("a member without the read role opens no one else's details").isEqualTo(403);
    }

    @Test
    void removingAUserDeletesTheirKeysInTheAccount() {
        Invitee user = invitee();
        String key = fixtures.key(accountId, user.iamId(), null, false);
        assertThat(server.tokenFor(key).status()).isEqualTo(200);
        Page owner = signInWithApiKey(server.adminKey);
        owner.navigate(server.url + "/iam/users");
        owner.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Actions for " + user.email())).click();
        owner.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Remove user")).first().click();
        Locator dialog = owner.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions()
                .setName("Remove " + user.email() + " from this account?"));
        assertThat(dialog).containsText("deletes their API keys in this account");
        Browser.assertAccessible(owner);
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Remove user")).click();
        assertThat(owner).hasURL(server.url + "/iam/users");
        assertThat(owner.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(user.email()))).hasCount(0);
        assertThat(server.tokenFor(key).status()).isEqualTo(400);
        // the owner cannot be removed: no actions on the owner's row
        assertThat(owner.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions()
                .setName("Actions for " + NotificationTestKit.OWNER_EMAIL))).hasCount(0);
    }
}

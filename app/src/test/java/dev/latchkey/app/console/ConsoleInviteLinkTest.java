package dev.latchkey.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.app.support.ConsoleClient;
import dev.latchkey.app.support.TestServer;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Without an SMTP server: "Invite users" shows the inviter the accept link to hand over, once, in the answer to the
 * form post (never cached, never in a URL of the console's own); the link opens the accept page. "Forgot password?"
 * answers alike for every address and is throttled per address like sign-in.
 */
class ConsoleInviteLinkTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.h2();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void withoutMailTheInviterGetsTheLinkOnceAndItOpensTheAcceptPage() throws Exception {
        ConsoleClient owner = ConsoleClient.signedIn(server, server.adminKey);
        String csrf = owner.csrfOf(owner.get("/iam/users"));
        HttpResponse<String> invited = owner.post("/iam/users/invite", "csrf=" + csrf + "&email="
                + ConsoleClient.encode("handed.over@example.com"));
        assertThat(invited.statusCode()).isEqualTo(201);
        assertThat(invited.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(invited.body()).contains("Hand over the invitation link").contains("no SMTP server is configured");
        Matcher link = Pattern.compile(Pattern.quote(server.url) + "/invite\\?token=(lkinv_[A-Za-z0-9]+)")
                .matcher(invited.body());
        assertThat(link.find()).as("the link in the answer").isTrue();
        assertThat(owner.get("/iam/users").body()).as("shown once").doesNotContain(link.group(1))
                .contains("handed.over@example.com").contains("Pending");

        ConsoleClient invitee = new ConsoleClient(server);
        HttpResponse<String> accept = invitee.get("/invite?token=" + link.group(1));
        assertThat(accept.statusCode()).isEqualTo(200);
        assertThat(accept.body()).contains("Choose a password").contains("handed.over@example.com");
        assertThat(accept.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(accept.headers().firstValue("Referrer-Policy")).contains("no-referrer");

        HttpResponse<String> functional = owner.post("/iam/users/invite", "csrf=" + csrf + "&functional=on&email="
                + ConsoleClient.encode("build.bot@example.com"));
        assertThat(functional.statusCode()).isEqualTo(201);
        assertThat(functional.body()).contains("Functional ID added").doesNotContain("/invite?token=");

        HttpResponse<String> refused = owner.post("/iam/users/invite", "csrf=" + csrf + "&email=not-an-address");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("must be an e-mail address");
    }

    @Test
    void forgotPasswordAnswersAlikeAndIsThrottledPerAddress() throws Exception {
        ConsoleClient anonymous = new ConsoleClient(server);
        String csrf = anonymous.csrfOf(anonymous.get("/forgot-password"));
        String address = "somebody@example.com";
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> answer = anonymous.post("/forgot-password", "csrf=" + csrf + "&email="
                    + ConsoleClient.encode(address));
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("If a user signs in with somebody@example.com, we sent a link there");
        }
        HttpResponse<String> throttled = anonymous.post("/forgot-password", "csrf=" + csrf + "&email="
                + ConsoleClient.encode(address));
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
        assertThat(throttled.body()).contains("Too many requests for this address");
        assertThat(anonymous.get("/reset-password?token=lkpwr_forged").statusCode()).isEqualTo(400);
    }
}

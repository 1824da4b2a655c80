package dev.latchkey.core.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.core.common.DomainException;
import org.junit.jupiter.api.Test;

class WebhookEndpointServiceTest {
    @Test
    void onlyHttpAndHttpsUrlsWithAHostAndNoCredentialsAreAccepted() {
        assertThat(WebhookEndpointService.checkUrl("https://hooks.example.com/latchkey?team=a"))
                .hasToString("https://hooks.example.com/latchkey?team=a");
        assertThat(WebhookEndpointService.checkUrl(" http://127.0.0.1:9000/x ")).hasToString("http://127.0.0.1:9000/x");
        for (String bad : new String[] {"ftp://example.com/x", "file:///etc/passwd", "javascript:alert(1)",
                "/relative/path", "https:///no-host", "https://user:pw@example.com/x", "http://exa mple.com", "",
                "https://example.com/" + "x".repeat(2048)}) {
            assertThatThrownBy(() -> WebhookEndpointService.checkUrl(bad)).as(bad)
                    .isInstanceOf(DomainException.class).hasMessageStartingWith("Field 'url'");
        }
    }
}

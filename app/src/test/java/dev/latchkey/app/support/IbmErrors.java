package dev.latchkey.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.app.support.TestServer.Answer;

/** Assertions on IBM's two error shapes: the management API's and the token service's. */
public final class IbmErrors {
    private IbmErrors() {
    }

    /** A management-API error: the status, IBM's body shape and a message that says what went wrong. */
    public static void assertBadRequest(Answer answer, int status, String messagePart) {
        assertThat(answer.status()).as(answer.raw()).isEqualTo(status);
        assertThat(answer.body().get("status_code").asInt()).isEqualTo(status);
        assertThat(answer.body().get("trace").asText()).isNotBlank();
        JsonNode error = answer.body().get("errors").get(0);
        assertThat(error.get("code").asText()).isNotBlank();
        assertThat(error.get("message_code").asText()).matches("(BXNIM|LKIAM)\\d{4}E");
        assertThat(error.get("message").asText()).contains(messagePart);
    }

    /** A token-service refusal: HTTP 400 with IBM's code and a message naming the reason. */
    public static void assertTokenError(Answer answer, String code, String messagePart) {
        assertThat(answer.status()).as(answer.raw()).isEqualTo(400);
        assertThat(answer.body().get("errorCode").asText()).isEqualTo(code);
        assertThat(answer.body().get("errorMessage").asText()).contains(messagePart);
        assertThat(answer.body().get("context").get("requestId").asText()).isNotBlank();
        assertThat(answer.body().get("context").get("requestType").asText()).isEqualTo("incoming.OIDC_Token");
    }
}

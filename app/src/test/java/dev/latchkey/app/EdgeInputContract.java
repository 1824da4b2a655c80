package dev.latchkey.app;

import static dev.latchkey.app.support.IbmErrors.assertBadRequest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.app.support.AccountOwnerContract;
import dev.latchkey.app.support.RawHttp;
import dev.latchkey.app.support.TestServer;
import dev.latchkey.app.support.TestServer.Answer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Input that one database stores and the other cannot gets the same 400 from both, decided at the edge and naming
 * the field, with nothing written: a NUL character in any string, in a query or in a form, and dates outside the
 * years 1 to 9999. A query whose percent-encoding is broken is a 400 on every route, the direct ones included.
 */
abstract class EdgeInputContract extends AccountOwnerContract {

    @Test
    void aNulInAnyJsonStringIsRefusedNamingTheFieldAndNothingIsWritten() {
        int keys = server.get("/v1/apikeys?pagesize=100", owner).body().get("apikeys").size();
        assertBadRequest(server.post("/v1/apikeys", owner, "{\"name\":\"a\\u0000b\",\"iam_id\":\"" + ownerIamId + "\"}"),
                400, "Field 'name' holds a NUL character");
        assertThat(server.get("/v1/apikeys?pagesize=100", owner).body().get("apikeys").size()).isEqualTo(keys);

        assertBadRequest(server.post("/v1/serviceids/", owner, "{\"account_id\":\"" + accountId
                + "\",\"name\":\"s\",\"apikey\":{\"name\":\"k\",\"description\":\"x\\u0000\"}}"), 400, "'apikey.description'");
        assertBadRequest(server.post("/v1/leaks", owner, "[{\"token\":\"lk_x\",\"url\":\"https://e.x/\\u0000\"}]"),
                400, "'[0].url'");
        assertBadRequest(server.post("/v1/policies", owner, "{\"type\":\"access\",\"subjects\":[{\"attributes\":[{\"name\":"
                + "\"iam_id\",\"value\":\"IBMid-\\u0000\"}]}]}"), 400, "'subjects[0].attributes[0].value'");
        assertBadRequest(server.post("/v1/accounts", owner, "{\"name\":\"x\",\"\\u0000\":1}"), 400, "field name holds a NUL");
        assertBadRequest(server.post("/v1/accounts", owner, "{\"name\":\"\\u0000\"}"), 400, "Field 'name'");
    }

    @Test
    void aNulOrABrokenEscapeInAQueryIsRefusedOnEveryRoute() {
        assertBadRequest(server.get("/v1/apikeys?filter=name%20co%20%22%00%22", owner), 400, "'filter' holds a NUL");
        assertBadRequest(server.get("/v1/serviceids?account_id=%00", owner), 400, "'account_id' holds a NUL");
        assertBadRequest(server.get("/v1/apikeys?x=%C3%28", owner), 400, "'x' is not well-formed");
        String bearer = "Authorization: Bearer " + owner;
        assertBrokenEscapeRefused(RawHttp.get(server.url, "/v1/apikeys?pagesize=%zz", bearer), "'pagesize'");
        // the direct route (served ahead of Javalin) and a route that does not exist check it too
        assertBrokenEscapeRefused(RawHttp.get(server.url, "/v1/apikeys/details?x=%zz", bearer,
                "IAM-ApiKey: " + server.adminKey), "'x'");
        assertBrokenEscapeRefused(RawHttp.get(server.url, "/no/such/route?x=%2", bearer), "'x'");
    }

    private static void assertBrokenEscapeRefused(RawHttp.Reply reply, String parameter) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.header("Transaction-Id")).isNotBlank();
        assertThat(reply.json().path("errors").path(0).path("message").asText())
                .contains("Query parameter " + parameter + " is not well-formed");
    }

    @Test
    void aNulInTheTokenFormIsRefusedWithTheTokenServicesBody() {
        Answer answer = server.tokenRequest("grant_type=urn:ibm:params:oauth:grant-type:apikey&apikey="
                + TestServer.enc(server.adminKey) + "&account=a%00b", Map.of());
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("errorCode").asText()).isEqualTo("LKIAM0109E");
        assertThat(answer.body().get("errorDetails").asText()).contains("NUL");
    }

    @Test
    void aDateOutsideTheYearsOneTo9999IsRefusedNamingTheField() {
        for (String date : new String[] {"+999999999-12-31T23:59+0000", "10000-01-01T00:00+0000", "-0001-01-01T00:00+0000"}) {
            assertBadRequest(server.post("/v1/apikeys", owner, "{\"name\":\"d\",\"iam_id\":\"" + ownerIamId
                    + "\",\"expires_at\":\"" + date + "\"}"), 400, "Field 'expires_at'");
        }
        Answer farAhead = server.post("/v1/apikeys", owner, "{\"name\":\"far\",\"iam_id\":\"" + ownerIamId
                + "\",\"expires_at\":\"9999-12-31T23:59+0000\"}");
        assertThat(farAhead.status()).as(farAhead.raw()).isEqualTo(201);
        assertThat(farAhead.body().get("expires_at").asText()).isEqualTo("9999-12-31T23:59+0000");
        server.delete("/v1/apikeys/" + farAhead.body().get("id").asText(), owner);
    }
}

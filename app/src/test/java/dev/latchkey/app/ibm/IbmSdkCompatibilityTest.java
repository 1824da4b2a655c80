package dev.latchkey.app.ibm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.ibm.cloud.sdk.core.http.Response;
import com.ibm.cloud.sdk.core.security.IamAuthenticator;
import com.ibm.cloud.sdk.core.security.IamToken;
import com.ibm.cloud.sdk.core.service.exception.ConflictException;
import com.ibm.cloud.sdk.core.service.exception.NotFoundException;
import com.ibm.cloud.sdk.core.service.exception.ServiceResponseException;
import com.ibm.cloud.sdk.core.util.DateUtils;
import dev.latchkey.app.support.IamIdentityTestClient.ApiKey;
import dev.latchkey.app.support.IamIdentityTestClient.ApiKeyList;
import dev.latchkey.app.support.IamIdentityTestClient;
import dev.latchkey.app.support.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import okhttp3.HttpUrl;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opentest4j.TestAbortedException;

/**
 * IBM's real Java client stack ({@code com.ibm.cloud:sdk-core}: {@link IamAuthenticator}, {@code BaseService},
 * Gson models, {@link DateUtils}, exception mapping) against a real Latchkey server, checking what IBM's own
 * integration test {@code IamIdentityIT} relies on (reference §2, §6, §8, §10). Runs on H2; a subclass runs it
 * on PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IbmSdkCompatibilityTest {
    private static final String IBM_DATE = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}\\+0000";
    private TestServer server;
    private IamIdentityTestClient client;
    private String adminIamId;
    private String accountId;
    private final List<String> created = new ArrayList<>();
    private String unavailable;

    TestServer startServer() {
        return TestServer.h2();
    }

    @BeforeAll
    void start() {
        try {
            server = startServer();
        } catch (TestAbortedException e) {
            unavailable = e.getMessage(); // skip each test visibly instead of the class silently
            return;
        }
        adminIamId = server.wiring.adminKey().orElseThrow().key().iamId();
        accountId = server.wiring.adminKey().orElseThrow().key().accountId();
        client = clientFor(server.adminKey);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void requireServer() {
        Assumptions.assumeTrue(unavailable == null, unavailable);
    }

    /** Keeps the admin under IBM's 20-keys-per-user limit across tests; a key already gone is fine. */
    @AfterEach
    void deleteCreatedKeys() {
        for (String id : created) {
            try {
                if (Boolean.TRUE.equals(client.getApiKey(id, false).execute().getResult().locked)) {
                    client.unlockApiKey(id).execute();
                }
                client.deleteApiKey(id).execute();
            } catch (NotFoundException gone) {
                // deleted by the test itself
            }
        }
        created.clear();
    }

    private IamIdentityTestClient clientFor(String apikey) {
        return new IamIdentityTestClient(new IamAuthenticator.Builder().url(server.url).apikey(apikey).build(),
                server.url);
    }

    private Response<ApiKey> create(String name) {
        Response<ApiKey> response = client.createApiKey(name, adminIamId, "made by " + getClass().getSimpleName())
                .execute();
        created.add(response.getResult().id);
        return response;
    }

    @Test
    void tokenWhenAdminKeyThenIamAuthenticatorReadsBearerTokenAndExpiration() {
        IamAuthenticator authenticator = new IamAuthenticator.Builder().url(server.url).apikey(server.adminKey).build();
        long now = Instant.now().getEpochSecond();

        IamToken token = authenticator.requestToken();

        assertThat(token.getTokenType()).isEqualTo("Bearer");
        assertThat(token.getAccessToken()).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
        assertThat(token.getRefreshToken()).isEqualTo("not_supported");
        assertThat(token.getExpiresIn()).isEqualTo(3600L);
        assertThat(token.getExpiration()).isBetween(now + 3590, now + 3610);
        assertThat(token.isTokenValid()).isTrue();
    }

    @Test
    void tokenWhenClientIdAndSecretBxThenManagementCallsSucceed() {
        IamAuthenticator bx = new IamAuthenticator.Builder().url(server.url).apikey(server.adminKey)
                .clientId("bx").clientSecret("bx").build();

        Response<ApiKeyList> response = new IamIdentityTestClient(bx, server.url).listApiKeys(null, null, null)
                .execute();

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getResult().apikeys).isNotEmpty();
    }

    @Test
    void tokenWhenApiKeyUnknownThenSdkMessageIsServerErrorMessage() {
        IamAuthenticator wrong = new IamAuthenticator.Builder().url(server.url)
                .apikey("no-such-key-" + UUID.randomUUID()).build();

        ServiceResponseException direct = catchThrowableOfType(ServiceResponseException.class, wrong::getToken);
        ServiceResponseException viaCall = catchThrowableOfType(ServiceResponseException.class,
                () -> new IamIdentityTestClient(wrong, server.url).listApiKeys(null, null, null).execute());

        for (ServiceResponseException e : List.of(direct, viaCall)) {
            assertThat(e.getStatusCode()).isEqualTo(400);
            JsonObject body = JsonParser.parseString(e.getResponseBody()).getAsJsonObject();
            assertThat(body.get("errorCode").getAsString()).isEqualTo("BXNIM0415E");
            assertThat(e.getMessage()).isEqualTo(body.get("errorMessage").getAsString())
                    .isEqualTo("Provided API key could not be found.");
        }
    }

    /**
     * IBM's token errors carry a {@code context} object with camelCase keys ({@code requestId}, {@code requestType},
     * {@code userAgent}, {@code startTime}, ...; reference §6), like the camelCase {@code errorCode} beside it. The
     * SDK hands it to callers in {@code getDebuggingInfo()}.
     */
    @Test
    void tokenWhenApiKeyUnknownThenErrorContextHasIbmCamelCaseKeys() {
        IamAuthenticator wrong = new IamAuthenticator.Builder().url(server.url)
                .apikey("no-such-key-" + UUID.randomUUID()).build();

        ServiceResponseException e = catchThrowableOfType(ServiceResponseException.class, wrong::getToken);

        assertThat(e.getDebuggingInfo()).containsEntry("errorCode", "BXNIM0415E").containsKey("context");
        assertThat(e.getDebuggingInfo().get("context")).asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsKeys("requestId", "requestType", "userAgent", "url", "startTime", "endTime", "elapsedTime",
                        "locale")
                .doesNotContainKeys("request_id", "request_type", "user_agent", "start_time", "end_time",
                        "elapsed_time");
    }

    @Test
    void createWhenNameAndIamIdThen201WithValueThatAuthenticates() {
        Response<ApiKey> response = create("sdk-create");

        assertThat(response.getStatusCode()).isEqualTo(201);
        ApiKey key = response.getResult();
        assertThat(key.id).startsWith("ApiKey-");
        assertThat(key.apikey).isNotBlank();
        assertThat(key.name).isEqualTo("sdk-create");
        assertThat(key.iamId).isEqualTo(adminIamId);
        assertThat(key.entityTag).matches("\\d+-[0-9a-f]{32}");
        ApiKey self = clientFor(key.apikey).getApiKey(key.id, false).execute().getResult();
        assertThat(self.id).isEqualTo(key.id);
    }

    @Test
    void createWhenAllIbmItFieldsAndExpiresAtWithSecondsThen201AndEchoed() {
        JsonObject body = new JsonObject();
        body.addProperty("name", "sdk-create-full");
        body.addProperty("iam_id", adminIamId);
        body.addProperty("description", "all ApiKeyCreate fields");
        body.addProperty("account_id", accountId);
        body.addProperty("store_value", false);
        body.addProperty("support_sessions", false);
        body.addProperty("action_when_leaked", "disable");
        body.addProperty("expires_at", "2049-01-02T18:30:00+0000");

        Response<ApiKey> response = client.createApiKey(body).execute();
        created.add(response.getResult().id);

        assertThat(response.getStatusCode()).isEqualTo(201);
        ApiKey key = response.getResult();
        assertThat(key.accountId).isEqualTo(accountId);
        assertThat(key.actionWhenLeaked).isEqualTo("disable");
        assertThat(key.supportSessions).isFalse();
        assertThat(DateUtils.parseAsDateTime(key.expiresAt).toInstant())
                .isEqualTo(Instant.parse("2049-01-02T18:30:00Z"));
    }

    @Test
    void getWhenCreatedThenIbmFieldsExplicitBooleansAndExactlyOneEtag() {
        String id = create("sdk-get").getResult().id;

        Response<ApiKey> response = client.getApiKey(id, false).execute();

        assertThat(response.getStatusCode()).isEqualTo(200);
        ApiKey key = response.getResult();
        assertThat(response.getHeaders().values("Etag")).containsExactly(key.entityTag);
        assertThat(key.createdBy).isEqualTo(adminIamId);
        assertThat(key.crn).isEqualTo("crn:v1:bluemix:public:iam-identity::a/" + accountId + "::apikey:" + id);
        assertThat(key.locked).isFalse();
        assertThat(key.disabled).isFalse();
        assertThat(key.supportSessions).isFalse();
        assertThat(key.actionWhenLeaked).isEqualTo("none");
        assertThat(key.name).isEqualTo("sdk-get");
        assertThat(key.iamId).isEqualTo(adminIamId);
        assertThat(key.accountId).isEqualTo(accountId);
        assertThat(key.createdAt).isNotNull();
        assertThat(key.modifiedAt).isNotNull();
        assertThat(key.apikey).as("the value is returned on create only").isNull();
        assertThat(key.history).as("history only when asked for").isNull();
    }

    @Test
    void getWhenCreatedThenCreatedAtIsIbmFormatParsedByDateUtils() {
        Instant before = Instant.now().minus(Duration.ofMinutes(1));
        String id = create("sdk-dates").getResult().id;

        JsonObject raw = client.getApiKeyJson(id).execute().getResult();
        ApiKey model = client.getApiKey(id, false).execute().getResult();

        String createdAt = raw.get("created_at").getAsString();
        assertThat(createdAt).matches(IBM_DATE);
        assertThat(raw.get("modified_at").getAsString()).matches(IBM_DATE);
        Date parsed = DateUtils.parseAsDateTime(createdAt);
        assertThat(parsed.toInstant()).isBetween(before, Instant.now().plus(Duration.ofMinutes(1)));
        assertThat(model.createdAt).isEqualTo(parsed);
    }

    @Test
    void detailsWhenIamApiKeyHeaderAndIncludeHistoryThenKeyWithHistory() {
        ApiKey createdKey = create("sdk-details").getResult();

        ApiKey key = client.getApiKeysDetails(createdKey.apikey, true).execute().getResult();

        assertThat(key.id).isEqualTo(createdKey.id);
        assertThat(key.locked).isFalse();
        assertThat(key.createdBy).isEqualTo(adminIamId);
        assertThat(key.iamId).isEqualTo(adminIamId);
        assertThat(key.history).isNotEmpty();
        assertThat(key.history.get(0).action).isNotBlank();
        assertThat(key.history.get(0).iamId).isEqualTo(adminIamId);
    }

    @Test
    void listWhenPagesize100ThenLimit100AndNoNextPage() {
        String id = create("sdk-list").getResult().id;

        ApiKeyList list = client.listApiKeys(100L, null, null).execute().getResult();

        assertThat(list.limit).isEqualTo(100L);
        assertThat(list.offset).isEqualTo(0L);
        assertThat(list.next).isNull();
        assertThat(list.apikeys).extracting(k -> k.id).contains(id);
        assertThat(list.apikeys).allSatisfy(k -> assertThat(k.locked).isNotNull());
    }

    @Test
    void listWhenSmallPagesizeThenNextCarriesPagetokenAcrossAllPages() {
        String prefix = "sdk-page-" + UUID.randomUUID().toString().substring(0, 8);
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            expected.add(create(prefix + "-" + i).getResult().id);
        }
        String filter = "name sw \"" + prefix + "\"";

        Set<String> seen = new HashSet<>();
        List<Integer> pageSizes = new ArrayList<>();
        String pagetoken = null;
        do {
            ApiKeyList page = client.listApiKeys(2L, pagetoken, filter).execute().getResult();
            assertThat(page.limit).isEqualTo(2L);
            pageSizes.add(page.apikeys.size());
            page.apikeys.forEach(k -> seen.add(k.id));
            pagetoken = null;
            if (page.next != null) {
                HttpUrl next = HttpUrl.parse(page.next);
                assertThat(next).as("next must be an absolute URL: %s", page.next).isNotNull();
                pagetoken = next.queryParameter("pagetoken");
                assertThat(pagetoken).as("next must carry a pagetoken: %s", page.next).isNotNull();
            }
        } while (pagetoken != null && pageSizes.size() < 10);

        assertThat(pageSizes).containsExactly(2, 2, 1);
        assertThat(seen).isEqualTo(expected);
    }

    @Test
    void updateWhenIfMatchIsCurrentEntityTagThenChangedWithNewEntityTag() {
        String id = create("sdk-update").getResult().id;
        Response<ApiKey> read = client.getApiKey(id, false).execute();
        String etag = read.getHeaders().values("Etag").get(0);

        Response<ApiKey> response = client.updateApiKey(id, etag, "sdk-updated", "new description").execute();

        assertThat(response.getStatusCode()).isEqualTo(200);
        ApiKey updated = response.getResult();
        assertThat(updated.name).isEqualTo("sdk-updated");
        assertThat(updated.description).isEqualTo("new description");
        assertThat(updated.entityTag).isNotEqualTo(etag);
        assertThat(client.getApiKey(id, false).execute().getResult().name).isEqualTo("sdk-updated");
    }

    @Test
    void updateWhenIfMatchIsStaleThenConflict() {
        String id = create("sdk-stale").getResult().id;
        String etag = client.getApiKey(id, false).execute().getResult().entityTag;
        client.updateApiKey(id, etag, "sdk-stale-1", null).execute();

        ConflictException e = catchThrowableOfType(ConflictException.class,
                () -> client.updateApiKey(id, etag, "sdk-stale-2", null).execute());

        assertThat(e.getStatusCode()).isEqualTo(409);
        assertThat(client.getApiKey(id, false).execute().getResult().name).isEqualTo("sdk-stale-1");
    }

    @Test
    void lockWhenUnlockedThen204AndLockedUntilUnlocked() {
        String id = create("sdk-lock").getResult().id;

        assertThat(client.lockApiKey(id).execute().getStatusCode()).isEqualTo(204);
        assertThat(client.getApiKey(id, false).execute().getResult().locked).isTrue();

        assertThat(client.unlockApiKey(id).execute().getStatusCode()).isEqualTo(204);
        assertThat(client.getApiKey(id, false).execute().getResult().locked).isFalse();
    }

    @Test
    void disableWhenEnabledThen204DisabledAndTokenRefusedUntilEnabled() {
        ApiKey key = create("sdk-disable").getResult();

        assertThat(client.disableApiKey(key.id).execute().getStatusCode()).isEqualTo(204);
        assertThat(client.getApiKey(key.id, false).execute().getResult().disabled).isTrue();
        IamAuthenticator disabled = new IamAuthenticator.Builder().url(server.url).apikey(key.apikey).build();
        ServiceResponseException refused = catchThrowableOfType(ServiceResponseException.class,
                disabled::getToken);
        assertThat(refused.getMessage()).isEqualTo("Provided API key is disabled.");

        assertThat(client.enableApiKey(key.id).execute().getStatusCode()).isEqualTo(204);
        assertThat(client.getApiKey(key.id, false).execute().getResult().disabled).isFalse();
        assertThat(disabled.requestToken().getAccessToken()).isNotBlank();
    }

    @Test
    void deleteWhenExistingThen204AndGetThrowsNotFoundWithServerMessage() {
        String id = create("sdk-delete").getResult().id;

        assertThat(client.deleteApiKey(id).execute().getStatusCode()).isEqualTo(204);
        NotFoundException e = catchThrowableOfType(NotFoundException.class,
                () -> client.getApiKey(id, false).execute());

        assertThat(e.getStatusCode()).isEqualTo(404);
        JsonObject body = JsonParser.parseString(e.getResponseBody()).getAsJsonObject();
        String serverMessage = body.getAsJsonArray("errors").get(0).getAsJsonObject().get("message").getAsString();
        assertThat(e.getMessage()).isEqualTo(serverMessage).contains(id);
        assertThat(e.getDebuggingInfo()).containsKeys("trace", "status_code");
    }

    @Test
    void deleteWhenIdUnknownThenNotFound() {
        NotFoundException e = catchThrowableOfType(NotFoundException.class,
                () -> client.deleteApiKey("ApiKey-" + UUID.randomUUID()).execute());

        assertThat(e.getStatusCode()).isEqualTo(404);
    }
}

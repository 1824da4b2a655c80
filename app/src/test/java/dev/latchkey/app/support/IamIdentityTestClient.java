package dev.latchkey.app.support;

import com.google.gson.JsonObject;
import com.google.gson.annotations.SerializedName;
import com.google.gson.reflect.TypeToken;
import com.ibm.cloud.sdk.core.http.RequestBuilder;
import com.ibm.cloud.sdk.core.http.ResponseConverter;
import com.ibm.cloud.sdk.core.http.ServiceCall;
import com.ibm.cloud.sdk.core.security.Authenticator;
import com.ibm.cloud.sdk.core.service.BaseService;
import com.ibm.cloud.sdk.core.service.model.GenericModel;
import com.ibm.cloud.sdk.core.util.ResponseConverterUtils;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * The API key half of IBM's Java {@code IamIdentity} client (reference §2), written the way IBM's generated
 * code is: IBM's own {@link BaseService}, {@link RequestBuilder}, Gson models and exception mapping, so the
 * request paths, headers, JSON decoding, date parsing and error handling are IBM's. IBM's generated
 * {@code com.ibm.cloud:iam-identity} artifact is not on Maven Central (reference §11), hence this mirror.
 */
public final class IamIdentityTestClient extends BaseService {

    public IamIdentityTestClient(Authenticator authenticator, String serviceUrl) {
        super("iam_identity", authenticator);
        setServiceUrl(serviceUrl);
    }

    /** IBM's {@code ApiKey} model, field names and types as in PS {@code model/ApiKey.java}. */
    public static final class ApiKey extends GenericModel {
        public String id;
        @SerializedName("entity_tag") public String entityTag;
        public String crn;
        public Boolean locked;
        public Boolean disabled;
        @SerializedName("created_at") public Date createdAt;
        @SerializedName("created_by") public String createdBy;
        @SerializedName("modified_at") public Date modifiedAt;
        public String name;
        @SerializedName("support_sessions") public Boolean supportSessions;
        @SerializedName("action_when_leaked") public String actionWhenLeaked;
        @SerializedName("expires_at") public String expiresAt;
        public String description;
        @SerializedName("iam_id") public String iamId;
        @SerializedName("account_id") public String accountId;
        public String apikey;
        public List<EnityHistoryRecord> history;
    }

    /** IBM's (sic) {@code EnityHistoryRecord}. */
    public static final class EnityHistoryRecord extends GenericModel {
        public String timestamp;
        @SerializedName("iam_id") public String iamId;
        @SerializedName("iam_id_account") public String iamIdAccount;
        public String action;
        public List<String> params;
        public String message;
    }

    /** IBM's {@code ApiKeyList}. */
    public static final class ApiKeyList extends GenericModel {
        public Long offset;
        public Long limit;
        public String first;
        public String previous;
        public String next;
        public List<ApiKey> apikeys;
    }

    public ServiceCall<ApiKey> createApiKey(String name, String iamId, String description) {
        JsonObject body = new JsonObject();
        body.addProperty("name", name);
        body.addProperty("iam_id", iamId);
        if (description != null) {
            body.addProperty("description", description);
        }
        return createApiKey(body);
    }

    /** Create with any {@code ApiKeyCreate} body (reference §2). */
    public ServiceCall<ApiKey> createApiKey(JsonObject body) {
        RequestBuilder builder = RequestBuilder.post(RequestBuilder.resolveRequestUrl(getServiceUrl(), "/v1/apikeys"));
        builder.header("Accept", "application/json");
        builder.bodyJson(body);
        return createServiceCall(builder.build(), converter(ApiKey.class));
    }

    public ServiceCall<ApiKey> getApiKey(String id, boolean includeHistory) {
        RequestBuilder builder = RequestBuilder.get(
                RequestBuilder.resolveRequestUrl(getServiceUrl(), "/v1/apikeys/{id}", Map.of("id", id)));
        builder.header("Accept", "application/json");
        builder.query("include_history", String.valueOf(includeHistory));
        return createServiceCall(builder.build(), converter(ApiKey.class));
    }

    /** GET of one key decoded as plain JSON, to look at the wire values before IBM's models convert them. */
    public ServiceCall<JsonObject> getApiKeyJson(String id) {
        RequestBuilder builder = RequestBuilder.get(
                RequestBuilder.resolveRequestUrl(getServiceUrl(), "/v1/apikeys/{id}", Map.of("id", id)));
        builder.header("Accept", "application/json");
        return createServiceCall(builder.build(), converter(JsonObject.class));
    }

    public ServiceCall<ApiKey> getApiKeysDetails(String iamApiKey, boolean includeHistory) {
        RequestBuilder builder = RequestBuilder.get(
                RequestBuilder.resolveRequestUrl(getServiceUrl(), "/v1/apikeys/details"));
        builder.header("Accept", "application/json");
        builder.header("IAM-ApiKey", iamApiKey);
        builder.query("include_history", String.valueOf(includeHistory));
        return createServiceCall(builder.build(), converter(ApiKey.class));
    }

    /** Any argument may be null, and is then not sent. */
    public ServiceCall<ApiKeyList> listApiKeys(Long pagesize, String pagetoken, String filter) {
        RequestBuilder builder = RequestBuilder.get(RequestBuilder.resolveRequestUrl(getServiceUrl(), "/v1/apikeys"));
        builder.header("Accept", "application/json");
        if (pagesize != null) {
            builder.query("pagesize", String.valueOf(pagesize));
        }
        if (pagetoken != null) {
            builder.query("pagetoken", pagetoken);
        }
        if (filter != null) {
            builder.query("filter", filter);
        }
        return createServiceCall(builder.build(), converter(ApiKeyList.class));
    }

    public ServiceCall<ApiKey> updateApiKey(String id, String ifMatch, String name, String description) {
        RequestBuilder builder = RequestBuilder.put(
                RequestBuilder.resolveRequestUrl(getServiceUrl(), "/v1/apikeys/{id}", Map.of("id", id)));
        builder.header("If-Match", ifMatch);
        builder.header("Accept", "application/json");
        JsonObject body = new JsonObject();
        if (name != null) {
            body.addProperty("name", name);
        }
        if (description != null) {
            body.addProperty("description", description);
        }
        builder.bodyJson(body);
        return createServiceCall(builder.build(), converter(ApiKey.class));
    }

    public ServiceCall<Void> deleteApiKey(String id) {
        return noBody(RequestBuilder.delete(
                RequestBuilder.resolveRequestUrl(getServiceUrl(), "/v1/apikeys/{id}", Map.of("id", id))));
    }

    public ServiceCall<Void> lockApiKey(String id) {
        return noBody(RequestBuilder.post(sub(id, "lock")));
    }

    public ServiceCall<Void> unlockApiKey(String id) {
        return noBody(RequestBuilder.delete(sub(id, "lock")));
    }

    public ServiceCall<Void> disableApiKey(String id) {
        return noBody(RequestBuilder.post(sub(id, "disable")));
    }

    public ServiceCall<Void> enableApiKey(String id) {
        return noBody(RequestBuilder.delete(sub(id, "disable")));
    }

    private okhttp3.HttpUrl sub(String id, String what) {
        return RequestBuilder.resolveRequestUrl(getServiceUrl(), "/v1/apikeys/{id}/" + what, Map.of("id", id));
    }

    /** As IBM's generated code does for these operations: no Accept header, no body. */
    private ServiceCall<Void> noBody(RequestBuilder builder) {
        return createServiceCall(builder.build(), ResponseConverterUtils.getVoid());
    }

    private static <T> ResponseConverter<T> converter(Class<T> type) {
        return ResponseConverterUtils.getValue(TypeToken.get(type).getType());
    }
}

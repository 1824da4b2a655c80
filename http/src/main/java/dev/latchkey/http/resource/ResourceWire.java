package dev.latchkey.http.resource;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.latchkey.core.resource.Credentials;
import dev.latchkey.core.resource.ResourceInstance;
import dev.latchkey.core.resource.ResourceKey;
import dev.latchkey.core.resource.ResourceKeyView;
import dev.latchkey.core.resource.ResourcePlan;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * IBM Resource Controller v2's bodies (reference §4.2, §4.3): {@code id} is the CRN, {@code url} fields are
 * relative, booleans and {@code last_operation} are always present, unset times are explicit {@code null} and
 * unset actors {@code ""}, as in IBM's real bodies. Times are RFC 3339 with milliseconds.
 */
final class ResourceWire {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private ResourceWire() {
    }

    /** IBM's {@code last_operation}: every operation here is synchronous and has succeeded when answered. */
    record LastOperation(String type, String state, boolean async, String description, boolean cancelable,
                         boolean poll) {
    }

    record PlanHistory(String resourcePlanId, String startDate, String requestorId) {
    }

    record Instance(String id, String guid, String url, String createdAt, String updatedAt,
                    @JsonInclude(JsonInclude.Include.ALWAYS) String deletedAt, String createdBy, String updatedBy,
                    String deletedBy, @JsonInclude(JsonInclude.Include.ALWAYS) String scheduledReclaimAt,
                    @JsonInclude(JsonInclude.Include.ALWAYS) String restoredAt, String scheduledReclaimBy,
                    String restoredBy, String name, String regionId, String accountId, String resellerChannelId,
                    String resourcePlanId, String resourceGroupId, String resourceGroupCrn, String crn, String state,
                    String type, String resourceId, String serviceName, boolean onetimeCredentials,
                    boolean allowCleanup, @JsonInclude(JsonInclude.Include.ALWAYS) String dashboardUrl,
                    LastOperation lastOperation, String resourceKeysUrl, List<PlanHistory> planHistory,
                    boolean migrated, Map<String, Object> extensions, String controlledBy, boolean locked) {

        static Instance of(ResourceInstance i) {
            return new Instance(i.crn(), i.guid(), "/v2/resource_instances/" + i.guid(), time(i.createdAt()),
                    time(i.updatedAt()), time(i.deletedAt()), i.createdBy(), i.updatedBy(), orEmpty(i.deletedBy()),
                    null, null, "", "", i.name(), i.target(), i.accountId(), "", i.planId(), i.resourceGroupId(),
                    "crn:v1:bluemix:public:resource-controller::a/" + i.accountId() + "::resource-group:"
                            + i.resourceGroupId(), i.crn(), i.state().wire(), "service_instance", i.serviceName(),
                    i.serviceName(), false, false, null, new LastOperation(i.lastOperation(), "succeeded", false,
                            describe(i.lastOperation()), false, false),
                    "/v2/resource_instances/" + i.guid() + "/resource_keys",
                    List.of(new PlanHistory(i.planId(), time(i.planSince()), i.planSetBy())), false, Map.of(), "",
                    i.locked());
        }

        private static String describe(String operation) {
            return switch (operation) {
                case "create" -> "Completed create instance operation";
                case "update" -> "Completed update instance operation";
                case "lock" -> "Completed lock instance operation";
                case "unlock" -> "Completed unlock instance operation";
                case "delete" -> "Completed delete instance operation";
                default -> "Completed " + operation + " instance operation";
            };
        }
    }

    record Key(String id, String guid, String url, String createdAt, String updatedAt,
               @JsonInclude(JsonInclude.Include.ALWAYS) String deletedAt, String createdBy, String updatedBy,
               String deletedBy, String sourceCrn, String name, String crn, String state, String accountId,
               String resourceGroupId, String resourceId, boolean onetimeCredentials,
               Map<String, Object> credentials, boolean iamCompatible, boolean migrated,
               String resourceInstanceUrl) {

        static Key of(ResourceKeyView view) {
            ResourceKey k = view.key();
            return new Key(k.crn(), k.guid(), "/v2/resource_keys/" + k.guid(), time(k.createdAt()),
                    time(k.updatedAt()), time(k.deletedAt()), k.createdBy(), k.updatedBy(), orEmpty(k.deletedBy()),
                    k.sourceCrn(), k.name(), k.crn(), k.state().wire(), k.accountId(), k.resourceGroupId(),
                    k.serviceName(), false, credentials(view.credentials()), true, false,
                    "/v2/resource_instances/" + k.instanceGuid());
        }

        /** IBM's open credentials map; {@code REDACTED} alone for callers who may not see them. */
        private static Map<String, Object> credentials(Credentials c) {
            Map<String, Object> map = new LinkedHashMap<>();
            if (c.redacted()) {
                map.put("REDACTED", "REDACTED");
                return map;
            }
            if (c.apikey() != null) {
                map.put("apikey", c.apikey().reveal());
            }
            map.put("iam_apikey_description", c.description());
            map.put("iam_apikey_id", c.apiKeyId());
            map.put("iam_apikey_name", c.apiKeyName());
            map.put("iam_role_crn", c.roleCrn());
            map.put("iam_serviceid_crn", c.serviceIdCrn());
            return map;
        }
    }

    /**
     * A plan of the catalogue (Latchkey's own body, decision 0045): {@code resource_id} is the service it names;
     * a built-in plan has no account, creation time or creator.
     */
    record Plan(String id, String name, String resourceId, boolean builtIn, String accountId, String url,
                String createdAt, String createdBy) {
        static Plan of(ResourcePlan p) {
            return new Plan(p.id(), p.name(), p.serviceName(), p.isBuiltIn(), p.accountId(),
                    "/v2/resource_plans/" + p.id(), time(p.createdAt()), p.createdBy());
        }
    }

    /** IBM's {@code ResourceInstancesList} / {@code ResourceKeysList}: {@code next_url} is null on the last page. */
    record ListWire<T>(int rowsCount, @JsonInclude(JsonInclude.Include.ALWAYS) String nextUrl, List<T> resources) {
    }

    static String time(Instant instant) {
        return instant == null ? null : TIME.format(instant);
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}

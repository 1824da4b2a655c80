package dev.latchkey.cli.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.ApiCommand;
import dev.latchkey.cli.CliException;
import dev.latchkey.cli.Json;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code latchkey policy-create}: grants roles to a subject on a service (or on an instance, type or resource
 * of it) in your account, always or only at the times {@link TimeConditions} describes. Roles are named by display
 * name ({@code Viewer}, {@code "Service ID creator"}), by the last part of their CRN ({@code ServiceIdCreator}) or by
 * CRN; names are looked up in the server's role list. It writes IBM's v2 policy ({@code POST /v2/policies}), the one
 * shape that holds conditions.
 */
@Command(name = "policy-create", mixinStandardHelpOptions = true,
        description = "Creates an access policy: a subject (an identity or an access group) holds roles on a service "
                + "in your account, always or only at the times --from/--until or --days/--hours give. In the values of "
                + "--service-name, --service-instance, --resource-type and --resource, * matches any run of characters "
                + "and ? one character (IBM's stringMatch).")
public final class CreatePolicyCommand extends ApiCommand {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Subject subject;

    /** Who holds the roles: one identity, or every member of an access group. */
    static final class Subject {
        @Option(names = "--iam-id", required = true, paramLabel = "ID",
                description = "The subject: a user (IBMid-...) or service ID (iam-ServiceId-...) of your account.")
        String iamId;

        @Option(names = "--access-group", required = true, paramLabel = "NAME|ID",
                description = "The subject: every member of this access group of your account.")
        String accessGroup;
    }

    @Option(names = "--roles", required = true, split = ",", paramLabel = "ROLE",
            description = "Role names or CRNs, comma-separated: e.g. Viewer,Administrator.")
    List<String> roles;

    @Option(names = "--service-name", required = true, paramLabel = "NAME", description = "The service, e.g. iam-identity.")
    String serviceName;

    @Option(names = "--service-instance", paramLabel = "X", description = "Only this instance of the service.")
    String serviceInstance;

    @Option(names = "--resource-type", paramLabel = "T", description = "Only resources of this type.")
    String resourceType;

    @Option(names = "--resource", paramLabel = "R", description = "Only this resource, or those matching a pattern.")
    String resource;

    @Option(names = {"-d", "--description"}, paramLabel = "DESC", description = "What the policy is for.")
    String description;

    @ArgGroup(exclusive = true)
    When when;

    @Option(names = "--utc-offset", paramLabel = "+HH:MM",
            description = "The offset from UTC of --days, --hours and of --from/--until without one (default +00:00).")
    String utcOffset;

    @Override
    protected int execute() {
        if (utcOffset != null && when == null) {
            throw new CliException("--utc-offset goes with --days, --hours, --from or --until");
        }
        ZoneOffset offset = utcOffset == null ? ZoneOffset.UTC : TimeConditions.parseOffset(utcOffset);
        TimeConditions conditions = when == null ? null : when.conditions();
        JsonNode rule = conditions == null ? null : conditions.rule(offset);
        try (ApiClient client = openClient()) {
            String accountId = client.accountId();
            List<String> roleIds = roleIds(client);
            ObjectNode body = Json.object().put("type", "access");
            if (subject.iamId != null) {
                attribute(body.putObject("subject").putArray("attributes"), "iam_id", subject.iamId);
            } else {
                attribute(body.putObject("subject").putArray("attributes"), "access_group_id",
                        new AccessGroupResolver(client).resolve(subject.accessGroup).id());
            }
            ArrayNode attributes = body.putObject("resource").putArray("attributes");
            attribute(attributes, "accountId", accountId);
            resourceAttribute(attributes, "serviceName", serviceName);
            resourceAttribute(attributes, "serviceInstance", serviceInstance);
            resourceAttribute(attributes, "resourceType", resourceType);
            resourceAttribute(attributes, "resource", resource);
            ArrayNode roleArray = body.putObject("control").putObject("grant").putArray("roles");
            roleIds.forEach(id -> roleArray.addObject().put("role_id", id));
            Json.putNonEmpty(body, "description", description);
            if (conditions != null) {
                body.put("pattern", conditions.pattern()).set("rule", rule);
            }
            JsonNode policy = client.send("POST", "/v2/policies", body, Map.of()).body();
            if (json()) {
                print(policy);
            } else {
                out().println("Created policy " + Json.text(policy, "id") + ": " + PolicyTables.summary(policy) + ".");
            }
            return 0;
        }
    }

    /** When the policy applies, if not always: within a period, or on some days (at some hours). */
    static final class When {
        @ArgGroup(exclusive = false)
        TimeConditions.Once once;

        @ArgGroup(exclusive = false)
        TimeConditions.Weekly weekly;

        TimeConditions conditions() {
            return once != null ? once : weekly;
        }
    }

    /** An attribute of IBM's v2 shape, {@code {key, operator: stringEquals, value}}; none for an empty value. */
    private static void attribute(ArrayNode attributes, String key, String value) {
        attribute(attributes, key, "stringEquals", value);
    }

    /**
     * A resource attribute: a value with {@code *} or {@code ?} is a pattern ({@code stringMatch}, which IBM's v2
     * policies take for resource attributes; the subject and the account are always matched exactly), any other value
     * is matched exactly.
     */
    private static void resourceAttribute(ArrayNode attributes, String key, String value) {
        boolean pattern = value != null && (value.contains("*") || value.contains("?"));
        attribute(attributes, key, pattern ? "stringMatch" : "stringEquals", value);
    }

    private static void attribute(ArrayNode attributes, String key, String operator, String value) {
        if (value != null && !value.isBlank()) {
            attributes.addObject().put("key", key).put("operator", operator).put("value", value);
        }
    }

    /** CRNs as given; names matched, ignoring case and spaces, against the roles the service offers. */
    private List<String> roleIds(ApiClient client) {
        JsonNode offered = null;
        List<String> ids = new ArrayList<>();
        for (String role : roles) {
            String wanted = role.strip();
            if (wanted.startsWith("crn:")) {
                ids.add(wanted);
                continue;
            }
            if (offered == null) {
                offered = client.get("/v2/roles?service_name=" + ApiClient.encode(serviceName));
            }
            ids.add(find(offered, wanted));
        }
        return ids;
    }

    private String find(JsonNode offered, String wanted) {
        List<String> names = new ArrayList<>();
        for (String kind : List.of("system_roles", "service_roles", "custom_roles")) {
            for (JsonNode role : offered.path(kind)) {
                String name = Json.text(role, "display_name");
                String crn = Json.text(role, "crn");
                String crnName = crn == null ? null : crn.substring(crn.lastIndexOf(':') + 1);
                if (same(name, wanted) || same(crnName, wanted)) {
                    return crn;
                }
                names.add(name);
            }
        }
        throw new CliException("no role named '" + wanted + "' on " + serviceName + "; its roles are "
                + String.join(", ", names));
    }

    private static boolean same(String name, String wanted) {
        return name != null && squash(name).equals(squash(wanted));
    }

    private static String squash(String text) {
        return text.replace(" ", "").toLowerCase(Locale.ROOT);
    }
}

package dev.latchkey.core.resource;

import dev.latchkey.core.access.AccessDecider;
import dev.latchkey.core.access.Role;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.serviceid.ServiceId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Validation of resource requests: names, service names, roles, ids and states, each with a 400 that says why. */
final class ResourceRequests {
    static final int MAX_NAME = 180;
    static final int MAX_TEXT = 256;
    static final String DEFAULT_GROUP = "default";
    static final String DEFAULT_PLAN = "plan-free";
    static final String DEFAULT_TARGET = "global";
    /** IBM: at most 180 characters, no special characters other than space, {@code - . _ :}. */
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N} ._:-]+");
    /** A CRN service-name segment: lower-case letters, digits and hyphens (no wildcards, no colons). */
    private static final Pattern SERVICE = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern NO_CONTROL = Pattern.compile("[^\\p{Cntrl}]+");
    /** Where instances cannot be made: the IAM services, whose roles and actions are fixed, and the platform. */
    private static final List<String> RESERVED_SERVICES = List.of("iam", "resource-controller", "globalcatalog");

    private ResourceRequests() {
    }

    static String name(String name, String field) {
        if (name == null || name.isBlank()) {
            throw DomainException.invalid("Field '" + field + "' is required and must not be empty.");
        }
        if (name.length() > MAX_NAME || !NAME.matcher(name).matches()) {
            throw DomainException.invalid("Field '" + field + "' must be at most " + MAX_NAME + " characters: letters, "
                    + "digits, spaces and - . _ : only.");
        }
        return name;
    }

    /**
     * The service named by whichever of the three fields the client used, or null when it used none (the plan may
     * name the service then).
     */
    static String givenService(CreateResourceInstance request) {
        List<String> given = Stream.of(request.resourceId(), request.serviceName(), request.parametersServiceName())
                .filter(Objects::nonNull).distinct().toList();
        if (given.isEmpty()) {
            return null;
        }
        if (given.size() > 1) {
            throw DomainException.invalid("Fields 'resource_id', 'service_name' and 'parameters.service_name' name "
                    + "different services; send one of them.");
        }
        return service(given.get(0));
    }

    /** A service that instances can be made of: a CRN service-name segment outside the platform's services. */
    static String service(String service) {
        if (!SERVICE.matcher(service).matches()) {
            throw DomainException.invalid("Field 'resource_id' must be a service name: 1 to 63 lower-case letters, "
                    + "digits and hyphens, starting with a letter or digit.");
        }
        if (AccessDecider.IAM_SERVICES.contains(service) || RESERVED_SERVICES.contains(service)) {
            throw DomainException.invalid("Service '" + service + "' is part of the platform; instances can be made "
                    + "of other services only.");
        }
        return service;
    }

    static String group(String group) {
        if (group == null) {
            return DEFAULT_GROUP;
        }
        if (!GROUP.matcher(group).matches()) {
            throw DomainException.invalid("Field 'resource_group' must be 1 to 64 letters, digits and . _ - only.");
        }
        return group;
    }

    /** A free text field stored and echoed (plan, target): {@code fallback} when absent. */
    static String text(String value, String field, String fallback) {
        if (value == null) {
            return fallback;
        }
        if (value.isEmpty() || value.length() > MAX_TEXT || !NO_CONTROL.matcher(value).matches()) {
            throw DomainException.invalid("Field '" + field + "' must be 1 to " + MAX_TEXT
                    + " characters without control characters.");
        }
        return value;
    }

    /** A role by CRN or by display name (any case, spaces ignored); Writer when absent, as at IBM. */
    static Role role(String text, String service) {
        if (text == null) {
            return Role.WRITER;
        }
        String wanted = text.replace(" ", "").toLowerCase(Locale.ROOT);
        Optional<Role> role = Role.fromCrn(text).or(() -> Arrays.stream(Role.values())
                .filter(r -> r.displayName().replace(" ", "").toLowerCase(Locale.ROOT).equals(wanted)
                        || r.name().replace("_", "").toLowerCase(Locale.ROOT).equals(wanted))
                .findFirst());
        if (role.isEmpty() || !role.get().offeredFor(service)) {
            List<String> offered = new ArrayList<>();
            for (Role r : Role.values()) {
                if (r.offeredFor(service)) {
                    offered.add(r.displayName());
                }
            }
            throw DomainException.invalid("Field 'role' must be a role CRN or one of " + String.join(", ", offered)
                    + " (the roles offered on service " + service + ").");
        }
        return role.get();
    }

    /**
     * The id of the service ID {@code parameters.serviceid_crn} names: IBM's CRN
     * ({@code crn:v1:bluemix:public:iam-identity::a/<account>::serviceid:ServiceId-…}) or, as a Latchkey
     * convenience, the bare {@code ServiceId-…}.
     */
    static String serviceIdOf(String crn, String accountId) {
        if (crn.startsWith(ServiceId.ID_PREFIX)) {
            return crn;
        }
        String prefix = "crn:v1:bluemix:public:iam-identity::a/" + accountId + "::serviceid:";
        if (!crn.startsWith(prefix) || !crn.substring(prefix.length()).startsWith(ServiceId.ID_PREFIX)) {
            throw DomainException.invalid("Field 'parameters.serviceid_crn' must be the CRN of a service ID of account "
                    + accountId + " (" + prefix + "ServiceId-…).");
        }
        return crn.substring(prefix.length());
    }

    /** The guid an instance path id names: the id itself, or the instance part of its CRN. */
    static String instanceGuid(String id) {
        if (!id.startsWith("crn:")) {
            return id;
        }
        String[] parts = id.split(":", 10);
        return parts.length == 10 ? parts[7] : "";
    }

    /** The guid a key path id names: the id itself, or the last part of its CRN. */
    static String keyGuid(String id) {
        if (!id.startsWith("crn:")) {
            return id;
        }
        String[] parts = id.split(":", 10);
        return parts.length == 10 && parts[8].equals("resource-key") ? parts[9] : "";
    }
}

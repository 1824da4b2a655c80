package dev.latchkey.core.access;

import dev.latchkey.core.common.DomainException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * IBM Cloud Resource Names as decision targets: {@code crn:v1:<cname>:<ctype>:<service-name>:<location>:
 * <scope>:<service-instance>:<resource-type>:<resource>}. Empty trailing parts address everything above them,
 * e.g. {@code crn:v1:bluemix:public:iam-identity::a/<account>:::} is the whole service in an account.
 */
public final class Crn {
    private static final int SEGMENTS = 10;

    private Crn() {
    }

    /**
     * The resource a CRN names, as IAM attributes: {@code accountId} from the {@code a/} scope, {@code serviceName},
     * and {@code region}, {@code serviceInstance}, {@code resourceType}, {@code resource} where present.
     *
     * @throws DomainException INVALID_REQUEST saying what is wrong with the CRN
     */
    public static Resource toResource(String crn) {
        if (crn == null || crn.isBlank()) {
            throw DomainException.invalid("The CRN is empty.");
        }
        // The resource part may itself contain colons: it is everything after the ninth.
        String[] parts = crn.split(":", SEGMENTS);
        if (parts.length != SEGMENTS || !parts[0].equals("crn") || !parts[1].equals("v1")) {
            throw DomainException.invalid("'" + abbreviate(crn) + "' is not a CRN: expected crn:v1:<cname>:<ctype>:"
                    + "<service-name>:<location>:a/<account>:<service-instance>:<resource-type>:<resource>.");
        }
        String service = parts[4];
        String scope = parts[6];
        if (service.isEmpty()) {
            throw DomainException.invalid("The CRN '" + abbreviate(crn) + "' names no service.");
        }
        if (!scope.startsWith("a/") || scope.length() == 2) {
            throw DomainException.invalid("The CRN '" + abbreviate(crn) + "' must have an account scope a/<account id>"
                    + (scope.isEmpty() ? "." : ", not '" + abbreviate(scope) + "'."));
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("accountId", scope.substring(2));
        attributes.put("serviceName", service);
        putIfPresent(attributes, "region", parts[5]);
        putIfPresent(attributes, "serviceInstance", parts[7]);
        putIfPresent(attributes, "resourceType", parts[8]);
        putIfPresent(attributes, "resource", parts[9]);
        return new Resource(attributes);
    }

    private static void putIfPresent(Map<String, String> attributes, String name, String value) {
        if (!value.isEmpty()) {
            attributes.put(name, value);
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}

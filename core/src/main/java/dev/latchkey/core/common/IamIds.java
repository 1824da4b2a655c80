package dev.latchkey.core.common;

/**
 * IAM ids as IBM shapes them, which every feature reads: a service ID's is {@code iam-} plus its id
 * ({@code iam-ServiceId-<uuid>}); users' and functional IDs' are {@code IBMid-…}.
 */
public final class IamIds {
    public static final String SERVICE_ID_PREFIX = "iam-ServiceId-";
    /** A user's (and a functional ID's) IAM id starts with this. */
    public static final String USER_PREFIX = "IBMid-";

    private IamIds() {
    }

    public static boolean isUser(String iamId) {
        return iamId != null && iamId.startsWith(USER_PREFIX);
    }

    public static boolean isServiceId(String iamId) {
        return iamId != null && iamId.startsWith(SERVICE_ID_PREFIX);
    }

    /** The id of the service ID whose IAM id is {@code iamId}; only meaningful for {@code iam-ServiceId-…}. */
    public static String serviceIdOf(String iamId) {
        return iamId.startsWith("iam-") ? iamId.substring(4) : iamId;
    }

    /** The IAM id of the service ID {@code id}. */
    public static String ofServiceId(String id) {
        return "iam-" + id;
    }
}

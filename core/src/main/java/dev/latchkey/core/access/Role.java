package dev.latchkey.core.access;

import java.util.Arrays;
import java.util.Optional;

/** The roles on the IAM Identity service, with IBM's role CRNs and display names. */
public enum Role {
    VIEWER("crn:v1:bluemix:public:iam::::role:Viewer", "Viewer"),
    OPERATOR("crn:v1:bluemix:public:iam::::role:Operator", "Operator"),
    EDITOR("crn:v1:bluemix:public:iam::::role:Editor", "Editor"),
    ADMINISTRATOR("crn:v1:bluemix:public:iam::::role:Administrator", "Administrator"),
    USER_API_KEY_CREATOR("crn:v1:bluemix:public:iam-identity::::serviceRole:UserApiKeyCreator", "User API key creator"),
    SERVICE_ID_CREATOR("crn:v1:bluemix:public:iam-identity::::serviceRole:ServiceIdCreator", "Service ID creator");

    private final String crn;
    private final String displayName;

    Role(String crn, String displayName) {
        this.crn = crn;
        this.displayName = displayName;
    }

    public String crn() {
        return crn;
    }

    public String displayName() {
        return displayName;
    }

    public static Optional<Role> fromCrn(String crn) {
        return Arrays.stream(values()).filter(r -> r.crn.equals(crn)).findFirst();
    }
}

package dev.latchkey.cli.scan;

/** What a found token is: its words for people and whether the leak intake takes it. */
public enum TokenKind {
    API_KEY("Latchkey API key", true),
    INVITATION("Latchkey invitation token", false);

    /** The prefix of invitation tokens; fixed, unlike the configurable API-key prefix. */
    public static final String INVITATION_PREFIX = "lkinv";

    private final String description;
    private final boolean reportable;

    TokenKind(String description, boolean reportable) {
        this.description = description;
        this.reportable = reportable;
    }

    public String description() {
        return description;
    }

    /** True for kinds {@code POST /v1/leaks} accepts (type {@code latchkey_api_key}). */
    public boolean reportable() {
        return reportable;
    }
}

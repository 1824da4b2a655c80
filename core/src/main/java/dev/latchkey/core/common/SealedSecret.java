package dev.latchkey.core.common;

/**
 * The kinds of value kept sealed under the master key ({@link SecretBox}), each with the context that binds a sealed
 * value to its row: the context is the kind's prefix and the row's id, so a value copied to another row does not
 * open. The one list of them, so that re-sealing under a new master key cannot miss one.
 */
public enum SealedSecret {
    SIGNING_KEY("signing-key:", "signing key"),
    API_KEY_VALUE("apikey:", "stored API key value"),
    CLASSIC_KEY_VALUE("classic:", "classic infrastructure key"),
    WEBHOOK_SECRET("notification-endpoint:", "webhook endpoint secret");

    private final String prefix;
    private final String description;

    SealedSecret(String prefix, String description) {
        this.prefix = prefix;
        this.description = description;
    }

    /** The associated data that binds a value of this kind to the row with this id. */
    public String context(String rowId) {
        return prefix + rowId;
    }

    /** What it is, in a few words, for a sentence that names a row ("the signing key 202612051131"). */
    public String description() {
        return description;
    }
}

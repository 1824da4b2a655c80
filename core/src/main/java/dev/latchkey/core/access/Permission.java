package dev.latchkey.core.access;

/** What a caller asks to do; {@link AccessDecider} answers for each. */
public enum Permission {
    /** Read API keys other than one's own in the account. */
    VIEW_ACCOUNT_API_KEYS,
    /** Update, lock, disable or delete API keys other than one's own in the account. */
    MANAGE_ACCOUNT_API_KEYS
}

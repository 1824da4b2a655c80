package dev.latchkey.core.access;

/**
 * An authorization answer: permitted or not, and why — the policy that granted it (null when the account
 * owner's implicit access did, or when nothing did). Immutable.
 */
public record Decision(boolean permitted, String action, String policyId, String reason) {

    public static Decision deny(String action, String reason) {
        return new Decision(false, action, null, reason);
    }
}

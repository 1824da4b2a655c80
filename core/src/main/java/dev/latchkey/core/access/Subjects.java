package dev.latchkey.core.access;

/**
 * Who can be the subject of a policy in an account: its user members and its service IDs. The composition root
 * answers from the user and service ID stores, so this package depends on neither. Implementations are
 * thread-safe.
 */
@FunctionalInterface
public interface Subjects {
    boolean existsIn(String accountId, String iamId);
}

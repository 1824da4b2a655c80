package dev.latchkey.core.access;

import java.util.List;

/** Persistence port for access policies. Implementations are thread-safe. */
public interface PolicyStore {
    void insert(Policy policy);

    List<Policy> forSubject(String accountId, String subjectIamId);
}

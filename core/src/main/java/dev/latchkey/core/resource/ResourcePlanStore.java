package dev.latchkey.core.resource;

import dev.latchkey.core.common.Page;
import java.util.Optional;

/**
 * Persistence port for the plans registered in accounts (the built-in plans are not stored). A plan id is unique
 * within its account. Lists are ordered by registration time, then id. Implementations are thread-safe.
 */
public interface ResourcePlanStore {

    /** Which plans a listing asks for: one account's, of one service when {@code serviceName} is not null. */
    record Query(String accountId, String serviceName, int offset, int limit) {
    }

    /** @return false when the account has a plan with this id already (nothing was written) */
    boolean insert(ResourcePlan plan);

    Optional<ResourcePlan> find(String accountId, String id);

    /**
     * Like {@link #find}, and locks the row until the surrounding transaction ends: creating an instance on a
     * registered plan and deleting that plan take this lock first, so a plan is never deleted under a new instance.
     */
    Optional<ResourcePlan> lock(String accountId, String id);

    Page<ResourcePlan> list(Query query);

    /** @return false when there was no such plan */
    boolean delete(String accountId, String id);
}

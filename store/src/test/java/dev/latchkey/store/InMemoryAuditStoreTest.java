package dev.latchkey.store;

import dev.latchkey.core.audit.AuditStore;
import dev.latchkey.core.audit.InMemoryAuditStore;
import dev.latchkey.core.common.InMemoryTransactor;

/** The audit store contract against core's in-memory fake. */
class InMemoryAuditStoreTest extends AuditStoreContract {
    @Override
    AuditStore open() {
        InMemoryTransactor transactor = new InMemoryTransactor();
        tx = transactor;
        closer = () -> { };
        return transactor.enlist(new InMemoryAuditStore());
    }
}

package dev.latchkey.core.common;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A {@link Transactor} over in-memory fakes: the enlisted stores are snapshotted when the outermost transaction
 * starts and restored when its work throws, so a failed transaction leaves nothing behind, as a database's
 * rollback does. Transactions run one at a time (a nested call joins the outer one, as store calls inside
 * {@code Database.inTransaction} do); store calls made outside a transaction are not isolated from one that runs.
 */
public final class InMemoryTransactor implements Transactor {
    /** A fake store whose whole state can be taken and put back. */
    public interface Participant {
        /** An immutable copy of the state, or one that is never changed afterwards. */
        Object snapshot();

        void restore(Object snapshot);
    }

    private final List<Participant> participants = new CopyOnWriteArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private int committed;
    private int rolledBack;

    /** Adds a store whose writes the transactions of this transactor commit or roll back. */
    public <P extends Participant> P enlist(P participant) {
        participants.add(participant);
        return participant;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        lock.lock();
        try {
            if (lock.getHoldCount() > 1) {
                return work.get();
            }
            List<Object> snapshots = new ArrayList<>(participants.size());
            for (Participant p : participants) {
                snapshots.add(p.snapshot());
            }
            try {
                T result = work.get();
                committed++;
                return result;
            } catch (RuntimeException | Error e) {
                for (int i = 0; i < snapshots.size(); i++) {
                    participants.get(i).restore(snapshots.get(i));
                }
                rolledBack++;
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Whether the calling thread is inside a transaction. */
    public boolean inTransaction() {
        return lock.isHeldByCurrentThread();
    }

    public int committed() {
        return committed;
    }

    public int rolledBack() {
        return rolledBack;
    }
}

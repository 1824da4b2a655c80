package dev.latchkey.core.common;

import java.util.function.Supplier;

/** Runs work in one database transaction: every store call inside it commits together or not at all. */
public interface Transactor {
    <T> T inTransaction(Supplier<T> work);
}

/**
 * Whole-database work for the offline commands: the application's tables as the database describes them
 * ({@link dev.latchkey.store.maintenance.Schema}), a consistent snapshot of every row
 * ({@link dev.latchkey.store.maintenance.Snapshot}), loading such rows into an empty database
 * ({@link dev.latchkey.store.maintenance.Restore}), and re-sealing every sealed value under a new master key
 * ({@link dev.latchkey.store.maintenance.Reseal}).
 */
package dev.latchkey.store.maintenance;

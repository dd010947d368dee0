/**
 * The topology engine: the one writer of the model.
 *
 * <p>Threads, by design: the thread "mpathbus-engine" alone reads and writes the engine's state
 * ({@link org.mpathbus.core.internal.engine.SnapshotAssembler}, {@link
 * org.mpathbus.core.internal.engine.TopologyDiff}, the source binding). Everything else submits a task to
 * it: source pushes and the periodic reconcile, batches of check results, checker and listener
 * arrivals, refresh(). What leaves the engine thread is immutable (Topology snapshots, event records)
 * or guarded on its own ({@link org.mpathbus.core.internal.engine.EventHistory}). So no lock orders
 * exist between the engine, the check scheduler and the listeners.
 */
package org.mpathbus.core.internal.engine;

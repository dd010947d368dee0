package org.mpathbus.exporter.dbus.control.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.mpathbus.api.Topology;
import org.mpathbus.api.TopologyService;
import org.mpathbus.exporter.dbus.spi.BusError;
import org.mpathbus.exporter.dbus.spi.ExportedObjects;

/** Waits, within a call's deadline, until the exported objects show an {@link Effect}. */
final class EffectWait {

    static final int REREAD_THREADS = 2;
    static final int REREADS_QUEUED = 16;

    private final ExportedObjects exported;
    private final TopologyService topology;
    /** Runs re-reads, so that a slow one ends the wait at the deadline rather than holding the call. */
    private final Executor rereads;

    EffectWait(ExportedObjects exported, TopologyService topology, Executor rereads) {
        this.exported = exported;
        this.topology = topology;
        this.rereads = rereads;
    }

    /** The re-reads' pool: a few threads and a bounded queue; beyond it a change's effect is not awaited. */
    static ThreadPoolExecutor rereadPool() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(REREAD_THREADS, REREAD_THREADS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(REREADS_QUEUED), task -> {
                    Thread thread = new Thread(task, "mpathbus-control-reread");
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /**
     * The exported snapshot that shows {@code effect}; empty when the deadline passed first.
     *
     * @throws BusError FAILED when the source could not be re-read
     */
    Optional<Topology> await(Effect effect, Deadline deadline) throws BusError, InterruptedException {
        if (effect instanceof Effect.Shows shows) {
            return exported.awaitExported(shows.holds(), deadline.remaining());
        }
        Optional<Topology> reread = reread(deadline.remaining());
        if (reread.isEmpty()) {
            return reread;
        }
        long generation = reread.get().generation();
        return exported.awaitExported(t -> t.generation() >= generation, deadline.remaining());
    }

    private Optional<Topology> reread(Duration timeout) throws BusError, InterruptedException {
        FutureTask<Topology> read = new FutureTask<>(topology::refresh);
        try {
            rereads.execute(read);
        } catch (RejectedExecutionException e) {
            throw new BusError(BusError.BUSY, "the change was made, but " + (REREAD_THREADS + REREADS_QUEUED)
                    + " re-reads of the source are under way or waiting already: its effect is not confirmed");
        }
        try {
            return Optional.of(read.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new BusError(BusError.FAILED, "the change was made but the source could not be re-read: "
                    + e.getCause().getMessage());
        } finally {
            // A re-read nobody waits for any more stops (or never starts), freeing its thread or place
            read.cancel(true);
        }
    }
}

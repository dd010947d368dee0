package org.mpathbus.nvme.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.SourceState;
import org.mpathbus.api.spi.SourceListener;

/**
 * Follows NVMe multipath on a thread of its own: re-reads sysfs at once on an NVMe uevent (a controller or
 * namespace added or removed) and every poll interval otherwise, since the kernel raises no uevent when a
 * path's ANA state or its controller's state changes (seen in the lab, kernel 6.1). It pushes a state only when
 * something changed, with every unchanged map the same instance as before.
 */
final class NvmeWatcher implements AutoCloseable {

    private static final Logger LOG = System.getLogger(NvmeWatcher.class.getName());

    private final NvmeReader reader;
    private final Supplier<Uevents> uevents;
    private final SourceListener listener;
    private final long pollMillis;
    private final Thread thread;
    private volatile boolean closed;

    NvmeWatcher(NvmeReader reader, Supplier<Uevents> uevents, SourceListener listener, Duration pollInterval) {
        this.reader = reader;
        this.uevents = uevents;
        this.listener = listener;
        this.pollMillis = Math.max(1, pollInterval.toMillis());
        this.thread = new Thread(this::run, "mpathbus-nvme-watch");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        try (Uevents events = uevents.get()) {
            SourceState pushed = null;
            while (!closed) {
                SourceState state = reader.read();
                if (pushed == null || !state.equals(pushed)) {
                    state = keepUnchanged(pushed, state);
                    push(state);
                    pushed = state;
                }
                events.await(pollMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "the NVMe watcher stopped; the engine's reconcile still reads NVMe", e);
            listener.sourceFailed("the NVMe watcher stopped: " + e);
        }
    }

    /** The new state with each map that did not change replaced by the instance pushed before. */
    static SourceState keepUnchanged(SourceState before, SourceState after) {
        if (before == null) {
            return after;
        }
        Map<String, MultipathMap> old = new HashMap<>();
        before.maps().forEach(map -> old.put(map.wwid(), map));
        List<MultipathMap> maps = new ArrayList<>(after.maps().size());
        for (MultipathMap map : after.maps()) {
            MultipathMap previous = old.get(map.wwid());
            maps.add(map.equals(previous) ? previous : map);
        }
        return SourceState.of(maps, after.unmappedPaths());
    }

    private void push(SourceState state) {
        try {
            listener.stateChanged(state);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "the source listener failed on a new NVMe state", e);
        }
    }

    /** Stops the thread: at once from a sleep, within one poll interval from the uevent socket's poll. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(pollMillis + 5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

package org.mpathbus.core.internal.listeners;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executor;

import org.mpathbus.api.Topology;
import org.mpathbus.api.event.TopologyEvent;
import org.mpathbus.api.spi.TopologyListener;

/**
 * One listener's calls, served by a shared executor: at most one task per mailbox runs at a time, so the
 * listener sees its calls one by one and in order, and a slow listener holds only its own thread.
 *
 * <p>A listener that keeps up gets each update as a call of its own: its snapshot and its events in the
 * documented order. While it is busy, everything that arrives merges into one waiting call, which carries
 * the newest snapshot and the events of every merged update in sequence order; so a mailbox holds at most
 * two snapshots (the one the listener has, the one waiting) whatever the rate of updates. Merged events are
 * bounded by their {@link EventWeight} (what they pin, about one unit per path), not by their count
 * (one update alone always goes whole): beyond {@code maxPendingWeight} they are dropped and the waiting call becomes snapshot-only (the
 * shape of the first call: "here is the whole state"), and stays so until the listener takes it. The
 * listener sees what it missed as a gap in the sequence numbers; the engine's transition counters
 * ({@link org.mpathbus.api.statistics.TransitionStatistics}) still count every dropped event. Logged as a
 * warning once per fall.
 */
final class ListenerMailbox {

    private static final Logger LOG = System.getLogger(ListenerMailbox.class.getName());

    private final TopologyListener listener;
    private final String description;
    private final Executor executor;
    private final long maxPendingWeight;
    private Call waiting;
    private boolean warned;
    private boolean draining;
    private boolean closed;

    ListenerMailbox(TopologyListener listener, String description, Executor executor, long maxPendingWeight) {
        this.listener = listener;
        this.description = description;
        this.executor = executor;
        this.maxPendingWeight = maxPendingWeight;
    }

    /** The first call: the current snapshot and no events. */
    void offerSnapshot(Topology topology) {
        enqueue(() -> waiting = Call.snapshotOnly(topology));
    }

    void offer(Topology topology, List<TopologyEvent> events) {
        enqueue(() -> add(topology, events));
    }

    private void add(Topology topology, List<TopologyEvent> events) {
        if (waiting == null) {
            // One update alone is never dropped: the engine made it whole, waiting adds nothing to it
            waiting = new Call(topology, new ArrayList<>(events), EventWeight.of(events), false);
            return;
        }
        if (waiting.snapshotOnly) {
            waiting = Call.snapshotOnly(topology);
            return;
        }
        waiting = waiting.mergedWith(topology, events);
        if (waiting.weight > maxPendingWeight) {
            if (!warned) {
                warned = true;
                LOG.log(Level.WARNING, "topology listener {0} fell behind by more than {1} units of events (from"
                        + " sequence {2}); dropping them: it gets the current snapshot (generation {3}) and a gap"
                        + " in the sequence numbers", description, maxPendingWeight,
                        waiting.events.get(0).sequence(), topology.generation());
            }
            waiting = Call.snapshotOnly(topology);
        }
    }

    private void enqueue(Runnable addition) {
        synchronized (this) {
            if (closed) {
                return;
            }
            addition.run();
            if (draining) {
                return;
            }
            draining = true;
        }
        executor.execute(this::drain);
    }

    /** No more calls: the listener left. A call in progress finishes. */
    synchronized void close() {
        closed = true;
        waiting = null;
    }

    private void drain() {
        while (true) {
            Call call;
            synchronized (this) {
                call = waiting;
                waiting = null;
                if (call == null) {
                    draining = false;
                    warned = false;
                    return;
                }
            }
            try {
                listener.topologyChanged(call.topology, Collections.unmodifiableList(call.events));
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.ERROR, "topology listener " + description + " failed on generation "
                        + call.topology.generation() + "; it keeps getting later calls", e);
            }
        }
    }

    /** One call to make; a snapshot-only call (first call, or after dropping) never carries events. */
    private static final class Call {
        final Topology topology;
        final List<TopologyEvent> events;
        final long weight;
        final boolean snapshotOnly;

        Call(Topology topology, List<TopologyEvent> events, long weight, boolean snapshotOnly) {
            this.topology = topology;
            this.events = events;
            this.weight = weight;
            this.snapshotOnly = snapshotOnly;
        }

        static Call snapshotOnly(Topology topology) {
            return new Call(topology, List.of(), 0, true);
        }

        /** This call followed by a newer update: the newer snapshot, both calls' events in order. */
        Call mergedWith(Topology newer, List<TopologyEvent> more) {
            events.addAll(more);
            return new Call(newer, events, weight + EventWeight.of(more), false);
        }
    }
}

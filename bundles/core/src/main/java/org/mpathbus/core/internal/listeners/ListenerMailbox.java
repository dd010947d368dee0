package org.mpathbus.core.internal.listeners;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import org.mpathbus.api.Topology;
import org.mpathbus.api.event.TopologyEvent;
import org.mpathbus.api.spi.TopologyListener;

/**
 * One listener's calls, served by a shared executor: at most one task per mailbox runs at a time, so the
 * listener sees its calls one by one and in order, and a slow listener holds only its own thread.
 *
 * <p>Bounded by design: while the listener is busy, updates merge into one waiting call that carries the
 * newest snapshot and every event since the listener's previous call, in sequence order. So a slow
 * listener skips intermediate snapshots (never events), and memory holds one snapshot per listener. Only
 * if more than {@code maxPendingEvents} events pile up does the waiting call drop them and become a
 * snapshot-only call (the shape of the first call: "here is the whole state"); that is logged as a
 * warning, and the listener can tell what it missed from the gap in the sequence numbers.
 */
final class ListenerMailbox {

    private static final Logger LOG = System.getLogger(ListenerMailbox.class.getName());

    private final TopologyListener listener;
    private final String description;
    private final Executor executor;
    private final int maxPendingEvents;
    private Pending pending;
    private boolean draining;
    private boolean closed;

    ListenerMailbox(TopologyListener listener, String description, Executor executor, int maxPendingEvents) {
        this.listener = listener;
        this.description = description;
        this.executor = executor;
        this.maxPendingEvents = maxPendingEvents;
    }

    /** The first call: the current snapshot and no events. */
    void offerSnapshot(Topology topology) {
        offer(topology, List.of(), true);
    }

    void offer(Topology topology, List<TopologyEvent> events) {
        offer(topology, events, false);
    }

    private void offer(Topology topology, List<TopologyEvent> events, boolean snapshotOnly) {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (pending == null) {
                pending = new Pending(topology, snapshotOnly ? null : new ArrayList<>(events));
            } else {
                pending.merge(topology, events);
            }
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
        pending = null;
    }

    private void drain() {
        while (true) {
            Pending call;
            synchronized (this) {
                call = pending;
                pending = null;
                if (call == null) {
                    draining = false;
                    return;
                }
            }
            try {
                listener.topologyChanged(call.topology, call.events == null ? List.of() : call.events);
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.ERROR, "topology listener " + description + " failed on generation "
                        + call.topology.generation() + "; it keeps getting later calls", e);
            }
        }
    }

    /** The waiting call; {@code events} null means snapshot only. Guarded by the mailbox. */
    private final class Pending {
        private Topology topology;
        private List<TopologyEvent> events;

        Pending(Topology topology, List<TopologyEvent> events) {
            this.topology = topology;
            this.events = events;
        }

        void merge(Topology newer, List<TopologyEvent> more) {
            topology = newer;
            if (events == null) {
                return;
            }
            if (events.size() + more.size() > maxPendingEvents) {
                LOG.log(Level.WARNING, "topology listener {0} is more than {1} events behind; dropping them and"
                        + " sending it the current snapshot with no events", description, maxPendingEvents);
                events = null;
                return;
            }
            events.addAll(more);
        }
    }
}

package org.mpathbus.core.internal.listeners;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executor;

import org.mpathbus.api.Topology;
import org.mpathbus.api.event.TopologyEvent;
import org.mpathbus.api.spi.TopologyListener;

/**
 * One listener's calls, served by a shared executor: at most one task per mailbox runs at a time, so the
 * listener sees its calls one by one and in order, and a slow listener holds only its own thread.
 *
 * <p>Normally each call is one update: its snapshot and its events in the documented order. Memory is
 * bounded for a listener that falls behind: once {@code maxPendingCalls} calls wait, further updates merge
 * into the last waiting call, which then carries the newest snapshot and the events of several updates
 * (still in sequence order, none lost). Once more than {@code maxPendingEvents} events wait, they are
 * dropped for one snapshot-only call (the shape of the first call: "here is the whole state"); the
 * listener can tell what it missed from the gap in the sequence numbers. Both are logged as warnings.
 */
final class ListenerMailbox {

    private static final Logger LOG = System.getLogger(ListenerMailbox.class.getName());

    private final TopologyListener listener;
    private final String description;
    private final Executor executor;
    private final int maxPendingCalls;
    private final int maxPendingEvents;
    private final Deque<Call> pending = new ArrayDeque<>();
    private int pendingEvents;
    private boolean merging;
    private boolean draining;
    private boolean closed;

    ListenerMailbox(TopologyListener listener, String description, Executor executor, int maxPendingCalls,
            int maxPendingEvents) {
        this.listener = listener;
        this.description = description;
        this.executor = executor;
        this.maxPendingCalls = maxPendingCalls;
        this.maxPendingEvents = maxPendingEvents;
    }

    /** The first call: the current snapshot and no events. */
    void offerSnapshot(Topology topology) {
        enqueue(() -> pending.addLast(Call.snapshotOnly(topology)));
    }

    void offer(Topology topology, List<TopologyEvent> events) {
        enqueue(() -> add(topology, events));
    }

    private void add(Topology topology, List<TopologyEvent> events) {
        if (pendingEvents + events.size() > maxPendingEvents) {
            LOG.log(Level.WARNING, "topology listener {0} is more than {1} events behind; dropping them and"
                    + " sending it the current snapshot (generation {2}) with no events", description,
                    maxPendingEvents, topology.generation());
            pending.clear();
            pendingEvents = 0;
            pending.addLast(Call.snapshotOnly(topology));
            return;
        }
        if (pending.size() < maxPendingCalls) {
            pending.addLast(new Call(topology, events, false));
            pendingEvents += events.size();
            return;
        }
        if (!merging) {
            merging = true;
            LOG.log(Level.WARNING, "topology listener {0} is {1} calls behind; merging further updates into its"
                    + " last waiting call", description, pending.size());
        }
        Call last = pending.removeLast();
        Call merged = last.mergedWith(topology, events);
        pendingEvents += merged.events.size() - last.events.size();
        pending.addLast(merged);
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
        pending.clear();
    }

    private void drain() {
        while (true) {
            Call call;
            synchronized (this) {
                call = pending.pollFirst();
                if (call == null) {
                    draining = false;
                    merging = false;
                    return;
                }
                pendingEvents -= call.events.size();
            }
            try {
                listener.topologyChanged(call.topology, call.events);
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.ERROR, "topology listener " + description + " failed on generation "
                        + call.topology.generation() + "; it keeps getting later calls", e);
            }
        }
    }

    /** One call to make; a snapshot-only call (first call, or after dropping) never carries events. */
    private record Call(Topology topology, List<TopologyEvent> events, boolean snapshotOnly) {

        static Call snapshotOnly(Topology topology) {
            return new Call(topology, List.of(), true);
        }

        /** This call followed by a newer update: the newer snapshot, both calls' events in order. */
        Call mergedWith(Topology newer, List<TopologyEvent> more) {
            if (snapshotOnly) {
                return snapshotOnly(newer);
            }
            List<TopologyEvent> all = new ArrayList<>(events.size() + more.size());
            all.addAll(events);
            all.addAll(more);
            return new Call(newer, all, false);
        }
    }
}

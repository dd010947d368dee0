package org.mpathbus.core.internal.listeners;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executor;

import org.mpathbus.api.Topology;
import org.mpathbus.api.event.TopologyEvent;
import org.mpathbus.api.spi.TopologyListener;

/**
 * One listener's ordered queue of calls, served by a shared executor: at most one task per mailbox runs
 * at a time, so the listener sees its calls one by one and in order, and a slow listener holds only its
 * own thread.
 *
 * <p>Bounded: when more than {@code maxBacklog} calls wait, the waiting calls are dropped and replaced by
 * one call with the newest snapshot and no events (the same shape as the first call: "here is the whole
 * state"), and this is logged as a warning. The listener can tell what it missed from the gap in the
 * sequence numbers; memory stays bounded however slow it is.
 */
final class ListenerMailbox {

    private static final Logger LOG = System.getLogger(ListenerMailbox.class.getName());

    private final TopologyListener listener;
    private final String description;
    private final Executor executor;
    private final int maxBacklog;
    private final Deque<Delivery> pending = new ArrayDeque<>();
    private boolean draining;
    private boolean closed;

    ListenerMailbox(TopologyListener listener, String description, Executor executor, int maxBacklog) {
        this.listener = listener;
        this.description = description;
        this.executor = executor;
        this.maxBacklog = maxBacklog;
    }

    void offer(Topology topology, List<TopologyEvent> events) {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (pending.size() >= maxBacklog) {
                LOG.log(Level.WARNING, "topology listener {0} is {1} calls behind; dropping them and sending it the"
                        + " current snapshot (generation {2}) with no events", description, pending.size(),
                        topology.generation());
                pending.clear();
                events = List.of();
            }
            pending.addLast(new Delivery(topology, events));
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
            Delivery delivery;
            synchronized (this) {
                delivery = pending.pollFirst();
                if (delivery == null) {
                    draining = false;
                    return;
                }
            }
            try {
                listener.topologyChanged(delivery.topology, delivery.events);
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.ERROR, "topology listener " + description + " failed on generation "
                        + delivery.topology.generation() + "; it keeps getting later calls", e);
            }
        }
    }

    private record Delivery(Topology topology, List<TopologyEvent> events) {
    }
}

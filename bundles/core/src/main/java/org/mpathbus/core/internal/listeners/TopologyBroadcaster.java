package org.mpathbus.core.internal.listeners;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.mpathbus.api.Topology;
import org.mpathbus.api.event.TopologyEvent;
import org.mpathbus.api.spi.TopologyListener;

/**
 * Hands every update to every {@link TopologyListener}, each through its own {@link ListenerMailbox}.
 * The executor makes threads only for mailboxes that have work right now and lets idle ones go, so a
 * listener that blocks occupies one thread and never another listener's.
 *
 * <p>Confined to the engine thread (which is what orders a listener's first call before later ones).
 */
public final class TopologyBroadcaster implements AutoCloseable {

    /**
     * What merged events may weigh ({@link EventWeight}: about one unit per path they pin) while they wait for
     * one busy listener, before they are dropped for a snapshot-only call: a host failure at 2,500 maps x 4
     * paths weighs about 32,000.
     */
    public static final long DEFAULT_MAX_PENDING_WEIGHT = 100_000;

    private final ExecutorService executor;
    private final long maxPendingWeight;
    private final Map<TopologyListener, ListenerMailbox> mailboxes = new IdentityHashMap<>();

    public TopologyBroadcaster(long maxPendingWeight) {
        AtomicInteger threadNumber = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "mpathbus-listener-" + threadNumber.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.maxPendingWeight = maxPendingWeight;
    }

    /** A listener arrived: its first call carries {@code current} and no events. */
    public void add(TopologyListener listener, String description, Topology current) {
        ListenerMailbox mailbox = new ListenerMailbox(listener, description, executor, maxPendingWeight);
        if (mailboxes.putIfAbsent(listener, mailbox) == null) {
            mailbox.offerSnapshot(current);
        }
    }

    public void remove(TopologyListener listener) {
        ListenerMailbox mailbox = mailboxes.remove(listener);
        if (mailbox != null) {
            mailbox.close();
        }
    }

    public void publish(Topology topology, List<TopologyEvent> events) {
        for (ListenerMailbox mailbox : mailboxes.values()) {
            mailbox.offer(topology, events);
        }
    }

    @Override
    public void close() {
        mailboxes.values().forEach(ListenerMailbox::close);
        mailboxes.clear();
        executor.shutdown();
    }
}

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

    /** Events that may wait for one busy listener before they are dropped for a snapshot-only call. */
    public static final int DEFAULT_MAX_PENDING_EVENTS = 100_000;
    /**
     * Calls (each with its own snapshot: about 50 KB not shared with the snapshot before at 10,000 paths,
     * 0.5 MB more once someone asks it for paths by name) that may wait for one busy listener before further
     * updates merge into the last of them.
     */
    static final int MAX_PENDING_CALLS = 32;

    private final ExecutorService executor;
    private final int maxPendingEvents;
    private final Map<TopologyListener, ListenerMailbox> mailboxes = new IdentityHashMap<>();

    public TopologyBroadcaster(int maxPendingEvents) {
        AtomicInteger threadNumber = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "mpathbus-listener-" + threadNumber.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.maxPendingEvents = maxPendingEvents;
    }

    /** A listener arrived: its first call carries {@code current} and no events. */
    public void add(TopologyListener listener, String description, Topology current) {
        ListenerMailbox mailbox = new ListenerMailbox(listener, description, executor, MAX_PENDING_CALLS,
                maxPendingEvents);
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

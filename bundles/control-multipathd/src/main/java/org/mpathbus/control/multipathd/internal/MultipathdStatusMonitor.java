package org.mpathbus.control.multipathd.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.mpathbus.api.MultipathdState;
import org.mpathbus.api.control.MultipathdMonitor;
import org.mpathbus.api.spi.MultipathSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Asks multipathd {@code show daemon} and {@code show status} once a second on a thread of its own, each
 * exchange on a connection of its own and both within one deadline, so the daemon asks once for every consumer
 * and a multipathd that does not answer (stopped with SIGSTOP) holds only this thread, for at most the
 * deadline. Uses the same sockets as {@link MultipathdControl} (its configuration PID).
 */
@Component(service = MultipathdMonitor.class, configurationPid = MultipathdControl.PID,
        property = MultipathdMonitor.SOURCE_NAME + "=" + MultipathSource.DEVMAPPER)
public final class MultipathdStatusMonitor implements MultipathdMonitor {

    static final Duration INTERVAL = Duration.ofSeconds(1);
    /** Longer than an answering multipathd ever took in the lab under emulation, shorter than a consumer's poll. */
    static final Duration DEADLINE = Duration.ofSeconds(2);

    private static final Logger LOG = System.getLogger(MultipathdStatusMonitor.class.getName());

    private final MultipathdClient client;
    private final List<Consumer<MultipathdState>> watchers = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService poller;
    private volatile MultipathdState current = MultipathdState.NOT_REPORTED;

    @Activate
    public MultipathdStatusMonitor(MultipathdControlConfiguration config) {
        this(new MultipathdClient(Endpoint.file(config.socket__path()), Endpoint.abstractName(config.abstract__socket())),
                INTERVAL);
    }

    MultipathdStatusMonitor(MultipathdClient client, Duration interval) {
        this.client = client;
        poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mpathbus-multipathd-status");
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleWithFixedDelay(this::pollAndTell, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void deactivate() {
        poller.shutdownNow();
    }

    @Override
    public MultipathdState current() {
        return current;
    }

    @Override
    public AutoCloseable watch(Consumer<MultipathdState> onChange) {
        watchers.add(onChange);
        return () -> watchers.remove(onChange);
    }

    private void pollAndTell() {
        try {
            MultipathdState next = poll();
            if (!next.equals(current)) {
                LOG.log(Level.INFO, "multipathd: {0}{1}{2}", next.state(), next.busy() ? ", busy" : "",
                        next.reconfigurePending() ? ", reconfigure pending" : "");
                current = next;
                watchers.forEach(watcher -> watcher.accept(next));
            }
        } catch (RuntimeException e) {
            // A failure must not end the periodic poll (an exception would cancel it)
            LOG.log(Level.ERROR, "cannot report multipathd''s state", e);
        }
    }

    /** One round: both questions within one deadline. */
    MultipathdState poll() {
        Deadline deadline = Deadline.after(DEADLINE);
        try {
            String daemon = client.send("show daemon", deadline);
            String status = client.send("show status", deadline);
            return StatusReplies.parse(daemon, status);
        } catch (UnixSocket.NoReplyInTime e) {
            return new MultipathdState(MultipathdState.UNRESPONSIVE, false, false);
        } catch (UnixSocket.Unreachable e) {
            return new MultipathdState(MultipathdState.ABSENT, false, false);
        } catch (IOException | IllegalArgumentException e) {
            LOG.log(Level.WARNING, "multipathd''s state unreadable: {0}", e.getMessage());
            return new MultipathdState(MultipathdState.UNKNOWN, false, false);
        }
    }
}

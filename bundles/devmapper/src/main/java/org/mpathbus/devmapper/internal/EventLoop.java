package org.mpathbus.devmapper.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.SourceState;
import org.mpathbus.api.spi.SourceListener;

/**
 * Watches device-mapper on its own thread: arm DM_DEV_ARM_POLL, read what changed, push the complete
 * state, sleep in poll() until the next dm event or the next full reconcile, waking every second to
 * re-read the paths' device states and ALUA priorities. When the control device
 * cannot be used it says so once through {@link SourceListener#sourceFailed}, keeps the listener's last
 * good state, and tries again every reconcile interval.
 */
final class EventLoop implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(EventLoop.class.getName());
    /**
     * How often the paths' sysfs device states and ALUA priorities are re-read between dm events: a path
     * set running again raises no dm event, and the engine only checks a path whose device state is not
     * offline; nor does an ALUA transition.
     */
    static final Duration DEVICE_STATE_INTERVAL = Duration.ofSeconds(1);

    private final DmControlFactory controls;
    private final Sysfs sysfs;
    private final SourceListener listener;
    private final long reconcileMillis;
    private final long deviceStateMillis;
    private final Thread thread;
    private final Object lock = new Object();
    private volatile boolean closed;
    private DmControl current;
    private String lastFailure;

    EventLoop(DmControlFactory controls, Sysfs sysfs, SourceListener listener, Duration reconcileInterval) {
        this(controls, sysfs, listener, reconcileInterval, DEVICE_STATE_INTERVAL);
    }

    EventLoop(DmControlFactory controls, Sysfs sysfs, SourceListener listener, Duration reconcileInterval,
            Duration deviceStateInterval) {
        this.controls = controls;
        this.sysfs = sysfs;
        this.listener = listener;
        this.reconcileMillis = Math.max(1, reconcileInterval.toMillis());
        this.deviceStateMillis = Math.max(1, deviceStateInterval.toMillis());
        this.thread = new Thread(this::run, "mpathbus-devmapper-events");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        while (!closed) {
            try (DmControl dm = controls.open()) {
                synchronized (lock) {
                    if (closed) {
                        return;
                    }
                    current = dm;
                }
                watch(dm);
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    reportFailure(e);
                    sleep(reconcileMillis);
                }
            } finally {
                synchronized (lock) {
                    current = null;
                }
            }
        }
    }

    private void watch(DmControl dm) throws IOException {
        StateReader reader = new StateReader(sysfs);
        SourceState pushed = null;
        boolean full = true;
        long nextReconcile = System.nanoTime() + reconcileMillis * 1_000_000;
        while (!closed) {
            dm.armPoll();
            SourceState state = reader.read(dm, full);
            if (pushed == null || !sameState(pushed, state)) {
                push(state);
                pushed = state;
            }
            if (lastFailure != null) {
                LOG.log(Level.INFO, "device-mapper readable again");
                lastFailure = null;
            }
            full = false;
            long nextDeviceStates = System.nanoTime() + deviceStateMillis * 1_000_000;
            // Between dm events, only the paths' device states and priorities are re-read; armed once,
            // poll() still reports any dm event since then.
            while (!closed) {
                long now = System.nanoTime();
                if (now - nextReconcile >= 0) {
                    full = true;
                    nextReconcile = now + reconcileMillis * 1_000_000;
                    break;
                }
                long waitMillis = Math.max(1, (Math.min(nextReconcile, nextDeviceStates) - now) / 1_000_000);
                if (dm.awaitEvent(waitMillis)) {
                    break;
                }
                if (System.nanoTime() - nextDeviceStates >= 0) {
                    nextDeviceStates = System.nanoTime() + deviceStateMillis * 1_000_000;
                    Optional<SourceState> changed = reader.readPathStates();
                    if (changed.isPresent()) {
                        push(changed.get());
                        pushed = changed.get();
                    }
                }
            }
        }
    }

    private void push(SourceState state) {
        try {
            listener.stateChanged(state);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "the source listener failed on a new state", e);
        }
    }

    /** Unchanged maps are the same instances, so identity tells whether anything changed. */
    private static boolean sameState(SourceState before, SourceState after) {
        List<MultipathMap> a = before.maps();
        List<MultipathMap> b = after.maps();
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return Objects.equals(before.unmappedPaths(), after.unmappedPaths());
    }

    private void reportFailure(Exception e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        if (!message.equals(lastFailure)) {
            LOG.log(Level.ERROR, "cannot watch device-mapper, keeping the last good state and retrying every "
                    + Duration.ofMillis(reconcileMillis).toString().substring(2).toLowerCase() + ": " + message);
            listener.sourceFailed(message);
            lastFailure = message;
        }
    }

    private void sleep(long millis) {
        synchronized (lock) {
            long deadline = System.currentTimeMillis() + millis;
            long left = millis;
            while (!closed && left > 0) {
                try {
                    lock.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                left = deadline - System.currentTimeMillis();
            }
        }
    }

    /** Stops the thread and waits for it (briefly): it wakes from poll() at once. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            if (current != null) {
                current.wakeUp();
            }
            lock.notifyAll();
        }
        if (Thread.currentThread() != thread) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

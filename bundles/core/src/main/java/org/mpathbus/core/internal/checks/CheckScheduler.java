package org.mpathbus.core.internal.checks;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.mpathbus.api.CheckerState;
import org.mpathbus.api.Path;
import org.mpathbus.api.spi.CheckResult;
import org.mpathbus.api.spi.PathChecker;

/**
 * Checks every path on its own cadence ({@link CheckCadence}) with a bounded pool of workers
 * ({@link CheckWorkerPool}), and reports only changes of a path's checker view to its sink.
 *
 * <p>Threads: one timer thread fires due checks and timeouts; the workers run checker calls. All
 * bookkeeping happens under this object's lock, never the checker calls themselves, so a hung checker
 * holds nothing but its own path (which is not checked again until that call returns) and, until its
 * timeout, one worker slot.
 */
public final class CheckScheduler implements AutoCloseable {

    private static final Logger LOG = System.getLogger(CheckScheduler.class.getName());

    private final CheckSettings settings;
    private final Function<Path, Optional<Duration>> deviceTimeout;
    private final CheckResultSink sink;
    private final ScheduledThreadPoolExecutor timer;
    private final CheckWorkerPool workers;
    private final CheckerRegistry checkers = new CheckerRegistry();
    private final Map<String, PathEntry> entries = new HashMap<>();
    private boolean closed;

    /**
     * @param deviceTimeout the device's own command timeout, used when checker_timeout is 0 (sysfs in
     *        the daemon, a fake in tests)
     */
    public CheckScheduler(CheckSettings settings, Function<Path, Optional<Duration>> deviceTimeout,
            CheckResultSink sink) {
        this.settings = settings;
        this.deviceTimeout = deviceTimeout;
        this.sink = sink;
        this.timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "mpathbus-check-timer");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        this.workers = new CheckWorkerPool(settings.workers());
    }

    /** A checker service arrived: the paths that name it are checked now. */
    public synchronized void checkerAdded(String name, PathChecker checker) {
        if (closed) {
            return;
        }
        checkers.add(name, checker);
        sink.checkersChanged(checkers.names());
        for (PathEntry entry : entries.values()) {
            if (entry.checker.equals(name)) {
                restart(entry);
            }
        }
    }

    /**
     * A checker service left: its paths become unchecked (never down), unless another checker of that
     * name remains, which then takes over.
     */
    public synchronized void checkerRemoved(String name, PathChecker checker) {
        if (closed || !checkers.remove(name, checker)) {
            return;
        }
        sink.checkersChanged(checkers.names());
        boolean replaced = checkers.get(name) != null;
        for (PathEntry entry : entries.values()) {
            if (entry.checker.equals(name)) {
                if (replaced) {
                    restart(entry);
                } else {
                    cancelNext(entry);
                    entry.cadence.reset();
                    report(entry, PathCheck.noChecker(name));
                }
            }
        }
    }

    /**
     * The source's paths changed. New paths are checked at once; so is a path whose checker, device state
     * or kernel (dm) state changed, with its cadence started again; a removed path, or one that changed
     * checker, is released.
     */
    public void pathsChanged(Collection<Path> upserted, Collection<Path> removed) {
        List<Runnable> releases = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            for (Path path : upserted) {
                upsert(path, releases);
            }
            for (Path path : removed) {
                PathEntry entry = entries.remove(path.name());
                if (entry != null) {
                    entry.removed = true;
                    cancelNext(entry);
                    releases.add(releaseTask(entry.checker, entry.path));
                }
            }
        }
        releases.forEach(release -> workers.submit(release::run));
    }

    private void upsert(Path path, List<Runnable> releases) {
        String checker = settings.effectiveChecker(path.checker());
        PathEntry entry = entries.get(path.name());
        if (entry == null) {
            entry = new PathEntry(path, checker, timeoutFor(path), new CheckCadence(settings.pollingInterval(),
                    settings.maxPollingInterval()));
            entries.put(path.name(), entry);
            restart(entry);
            return;
        }
        boolean checkerChanged = !entry.checker.equals(checker);
        boolean deviceChanged = entry.path.deviceState() != path.deviceState();
        // As multipathd after a dm event: a path the kernel failed or reinstated is checked at once.
        boolean kernelChanged = entry.path.dmState() != path.dmState();
        if (checkerChanged) {
            releases.add(releaseTask(entry.checker, entry.path));
            entry.checker = checker;
            entry.last = null;
        }
        entry.path = path;
        if (checkerChanged || deviceChanged || kernelChanged) {
            restart(entry);
        }
    }

    private Duration timeoutFor(Path path) {
        if (!settings.checkerTimeout().isZero()) {
            return settings.checkerTimeout();
        }
        return deviceTimeout.apply(path).orElse(CheckSettings.FALLBACK_TIMEOUT);
    }

    /** Checks the path as soon as no check of it is in flight, with a fresh cadence. */
    private void restart(PathEntry entry) {
        entry.cadence.reset();
        if (!entry.inFlight) {
            scheduleIn(entry, 0);
        }
    }

    private void scheduleIn(PathEntry entry, long delayNanos) {
        cancelNext(entry);
        entry.next = timer.schedule(() -> dispatch(entry), delayNanos, TimeUnit.NANOSECONDS);
    }

    private static void cancelNext(PathEntry entry) {
        if (entry.next != null) {
            entry.next.cancel(false);
            entry.next = null;
        }
    }

    /** Timer thread: the path is due. */
    private synchronized void dispatch(PathEntry entry) {
        entry.next = null;
        if (closed || entry.removed || entry.inFlight) {
            return;
        }
        CheckResult byDeviceState = resultOfDeviceState(entry.path);
        if (byDeviceState != null) {
            record(entry, byDeviceState);
            return;
        }
        PathChecker checker = checkers.get(entry.checker);
        if (checker == null) {
            // Resumes when a checker of this name is installed (checkerAdded).
            report(entry, PathCheck.noChecker(entry.checker));
            return;
        }
        entry.inFlight = true;
        workers.submit(new CheckRun(entry, checker));
    }

    /** multipathd's path_offline(): an offline device is down without asking the checker. */
    private static CheckResult resultOfDeviceState(Path path) {
        switch (path.deviceState()) {
            case OFFLINE:
            case TRANSPORT_OFFLINE:
                return CheckResult.of(CheckerState.DOWN, "device " + path.deviceState().label());
            case BLOCKED:
            case QUIESCE:
                return CheckResult.of(CheckerState.PENDING, "device " + path.deviceState().label());
            default:
                return null;
        }
    }

    /** Reports a finished check's result and schedules the next check. Caller holds the lock. */
    private void record(PathEntry entry, CheckResult result) {
        report(entry, new PathCheck(entry.checker, result.state(), result.message()));
        long now = System.nanoTime();
        scheduleIn(entry, entry.cadence.nextDue(now, result.state()) - now);
    }

    private void report(PathEntry entry, PathCheck check) {
        if (!check.equals(entry.last)) {
            entry.last = check;
            sink.pathChecked(entry.path.name(), check);
        }
    }

    private Runnable releaseTask(String checkerName, Path path) {
        PathChecker checker = checkers.get(checkerName);
        if (checker == null) {
            return () -> { };
        }
        return () -> {
            try {
                checker.release(path);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "checker ''" + checkerName + "'' failed to release " + path.name(), e);
            }
        };
    }

    private static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    /** Paths known now; for diagnostics and tests. */
    public synchronized int pathCount() {
        return entries.size();
    }

    /** Threads running checks now, stuck ones included; for diagnostics and tests. */
    public int workerThreads() {
        return workers.threadCount();
    }

    @Override
    public void close() {
        List<Runnable> releases = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            for (PathEntry entry : entries.values()) {
                cancelNext(entry);
                releases.add(releaseTask(entry.checker, entry.path));
            }
            entries.clear();
        }
        timer.shutdownNow();
        workers.close();
        releases.forEach(Runnable::run);
    }

    /** One check of one path: runs on a worker, and its timeout fires on the timer. */
    private final class CheckRun implements CheckWorkerPool.Task {

        private final PathEntry entry;
        private final PathChecker checker;
        private boolean timedOut;
        private boolean finished;
        /** Set as soon as the checker returns, so a timeout firing meanwhile does not report "timeout". */
        private volatile boolean returned;

        CheckRun(PathEntry entry, PathChecker checker) {
            this.entry = entry;
            this.checker = checker;
        }

        @Override
        public void run() {
            Path path;
            ScheduledFuture<?> timeout;
            synchronized (CheckScheduler.this) {
                if (closed || entry.removed) {
                    finished = true;
                    entry.inFlight = false;
                    return;
                }
                path = entry.path;
                timeout = timer.schedule(this::timeOut, entry.timeout.toNanos(), TimeUnit.NANOSECONDS);
            }
            CheckResult result = call(path);
            returned = true;
            timeout.cancel(false);
            synchronized (CheckScheduler.this) {
                finished = true;
                entry.inFlight = false;
                if (closed || entry.removed) {
                    return;
                }
                if (checkers.get(entry.checker) != checker) {
                    // The path changed checker, or this checker left, while it ran: its word no longer counts.
                    if (checkers.get(entry.checker) != null) {
                        scheduleIn(entry, 0);
                    }
                    return;
                }
                // A late answer after a timeout is still the path's true state: it replaces "timeout".
                record(entry, result);
            }
        }

        private CheckResult call(Path path) {
            try {
                CheckResult result = checker.check(path, entry.timeout);
                return result != null ? result
                        : CheckResult.of(CheckerState.UNCHECKED, "checker '" + entry.checker + "' gave no result");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return CheckResult.of(CheckerState.UNCHECKED, "check interrupted");
            } catch (Exception | LinkageError e) {
                // LinkageError: the checker's bundle was uninstalled under the call.
                LOG.log(Level.DEBUG, "checker ''" + entry.checker + "'' failed on " + path.name(), e);
                String message = e.getMessage() != null ? e.getMessage() : e.getClass().getName();
                return CheckResult.of(CheckerState.UNCHECKED, message);
            }
        }

        /** Timer thread: the checker did not answer in time. */
        private void timeOut() {
            synchronized (CheckScheduler.this) {
                if (finished || returned || closed) {
                    return;
                }
                timedOut = true;
                workers.replaceStuckWorker();
                if (!entry.removed && checkers.get(entry.checker) == checker) {
                    report(entry, new PathCheck(entry.checker, CheckerState.TIMEOUT, "checker '" + entry.checker
                            + "' did not answer within " + describe(entry.timeout)));
                }
                LOG.log(Level.WARNING, "checker ''{0}'' on {1} did not answer within {2}; the path is not"
                        + " checked again until that call returns", entry.checker, entry.path.name(),
                        describe(entry.timeout));
            }
        }

        @Override
        public boolean gaveUpSlot() {
            synchronized (CheckScheduler.this) {
                return timedOut;
            }
        }
    }

    /** The scheduler's bookkeeping for one path; guarded by the scheduler's lock. */
    private static final class PathEntry {
        Path path;
        String checker;
        final Duration timeout;
        final CheckCadence cadence;
        PathCheck last;
        ScheduledFuture<?> next;
        boolean inFlight;
        boolean removed;

        PathEntry(Path path, String checker, Duration timeout, CheckCadence cadence) {
            this.path = path;
            this.checker = checker;
            this.timeout = timeout;
            this.cadence = cadence;
        }
    }
}

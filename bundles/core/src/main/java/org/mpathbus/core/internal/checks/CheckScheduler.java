package org.mpathbus.core.internal.checks;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

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

    private final CheckResultSink sink;
    private final ScheduledThreadPoolExecutor timer;
    private final CheckWorkerPool workers;
    private final CheckerRegistry checkers = new CheckerRegistry();
    private final CheckTally tally;
    private final Map<String, PathEntry> entries = new HashMap<>();
    private CheckPlanner planner;
    private boolean closed;

    public CheckScheduler(CheckSettings settings, CheckResultSink sink) {
        this(settings, settings.planner(), sink);
    }

    /**
     * @param planner decides each path's checker, intervals and timeout, or that it is not checked at all;
     *        {@code settings} then gives only the number of workers
     */
    public CheckScheduler(CheckSettings settings, CheckPlanner planner, CheckResultSink sink) {
        this(settings, planner, sink, new CheckTally());
    }

    /** @param tally counts the checks this scheduler runs (the engine keeps one across schedulers) */
    public CheckScheduler(CheckSettings settings, CheckPlanner planner, CheckResultSink sink, CheckTally tally) {
        this.tally = tally;
        this.planner = planner;
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
            if (entry.checks(name)) {
                restart(entry);
            }
        }
    }

    /** Installs every checker of this scheduler in {@code successor}, in the order they came, so it needs no copy. */
    public synchronized void handCheckersTo(CheckScheduler successor) {
        checkers.forEachOldestFirst(successor::checkerAdded);
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
            if (entry.checks(name)) {
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
                    tally.pathRemoved(path.name());
                    entry.removed = true;
                    cancelNext(entry);
                    releases.add(releaseTask(entry));
                }
            }
        }
        releases.forEach(release -> workers.submit(release::run));
    }

    /**
     * The plans of every path are made anew by {@code next} (multipath.conf reloaded, or it came or went); a
     * path whose plan changed is checked at once with it, a path that became blacklisted is left alone.
     */
    public void plannerChanged(CheckPlanner next) {
        List<Runnable> releases = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            planner = next;
            for (PathEntry entry : entries.values()) {
                if (applyPlan(entry, next.planFor(entry.path), releases)) {
                    restart(entry);
                }
            }
        }
        releases.forEach(release -> workers.submit(release::run));
    }

    private void upsert(Path path, List<Runnable> releases) {
        PathEntry entry = entries.get(path.name());
        if (entry == null) {
            PathPlan plan = planner.planFor(path);
            entry = new PathEntry(path, plan, planner, timeoutFor(path, plan),
                    new CheckCadence(plan.pollingInterval(), plan.maxPollingInterval()));
            entries.put(path.name(), entry);
            if (plan.blacklisted()) {
                report(entry, PathCheck.blacklisted(plan));
            } else {
                restart(entry);
            }
            return;
        }
        boolean deviceChanged = entry.path.deviceState() != path.deviceState();
        // As multipathd after a dm event: a path the kernel failed or reinstated is checked at once.
        boolean kernelChanged = entry.path.dmState() != path.dmState();
        // Planned once per Path instance and planner: never per check
        boolean replan = entry.path != path || entry.plannedBy != planner;
        entry.path = path;
        boolean planChanged = replan && applyPlan(entry, planner.planFor(path), releases);
        if (!entry.plan.blacklisted() && (planChanged || deviceChanged || kernelChanged)) {
            restart(entry);
        }
    }

    /**
     * Puts {@code plan} in force for the entry; returns true when the path must be checked again at once
     * because of it. Releases the old checker when it is no longer used for the path.
     */
    private boolean applyPlan(PathEntry entry, PathPlan plan, List<Runnable> releases) {
        entry.plannedBy = planner;
        PathPlan old = entry.plan;
        if (plan.equals(old)) {
            return false;
        }
        boolean checkerChanged = !old.checker().equals(plan.checker());
        if (!old.blacklisted() && (checkerChanged || plan.blacklisted())) {
            releases.add(releaseTask(entry));
        }
        entry.plan = plan;
        if (checkerChanged) {
            entry.last = null;
        }
        if (!old.sameCadence(plan)) {
            entry.cadence = new CheckCadence(plan.pollingInterval(), plan.maxPollingInterval());
        }
        entry.timeout = timeoutFor(entry.path, plan);
        if (plan.blacklisted()) {
            cancelNext(entry);
            report(entry, PathCheck.blacklisted(plan));
            return false;
        }
        return true;
    }

    private Duration timeoutFor(Path path, PathPlan plan) {
        if (!plan.checkerTimeout().isZero()) {
            return plan.checkerTimeout();
        }
        return path.deviceTimeout().isZero() ? CheckSettings.FALLBACK_TIMEOUT : path.deviceTimeout();
    }

    /** Checks the path as soon as no check of it is in flight, with a fresh cadence. */
    private void restart(PathEntry entry) {
        entry.cadence.reset();
        if (entry.inFlight) {
            // The answer under way may predate the change: the path is checked again once it is in.
            entry.recheck = true;
        } else {
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
        if (closed || entry.removed || entry.inFlight || entry.plan.blacklisted()) {
            return;
        }
        CheckResult byDeviceState = resultOfDeviceState(entry.path);
        if (byDeviceState != null) {
            record(entry, byDeviceState);
            return;
        }
        PathChecker checker = checkers.get(entry.plan.checker());
        if (checker == null) {
            // Resumes when a checker of this name is installed (checkerAdded).
            report(entry, PathCheck.noChecker(entry.plan.checker()));
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
        report(entry, PathCheck.checked(entry.plan.checker(), result.state(), result.message()));
        long now = System.nanoTime();
        long due = entry.cadence.nextDue(now, result.state());
        scheduleIn(entry, entry.recheck ? 0 : due - now);
        entry.recheck = false;
    }

    private void report(PathEntry entry, PathCheck check) {
        if (!check.equals(entry.last)) {
            entry.last = check;
            sink.pathChecked(entry.path.name(), check);
        }
    }

    /** Tells the path's checker to forget the path; nothing for a blacklisted path, which it never saw. */
    private Runnable releaseTask(PathEntry entry) {
        String checkerName = entry.plan.checker();
        Path path = entry.path;
        PathChecker checker = entry.plan.blacklisted() ? null : checkers.get(checkerName);
        if (checker == null) {
            return () -> { };
        }
        return () -> {
            try {
                checker.release(path);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "checker '" + checkerName + "' failed to release " + path.name(), e);
            }
        };
    }

    private static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    /** The plan in force for a path; for diagnostics and tests. */
    public synchronized Optional<PathPlan> planOf(String path) {
        PathEntry entry = entries.get(path);
        return entry == null ? Optional.empty() : Optional.of(entry.plan);
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
                releases.add(releaseTask(entry));
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
        /** What the path's plan said when the call started (the plan may change while it runs). */
        private String checkerName;
        private Duration timeout;

        CheckRun(PathEntry entry, PathChecker checker) {
            this.entry = entry;
            this.checker = checker;
        }

        @Override
        public void run() {
            Path path;
            ScheduledFuture<?> timeoutTask;
            synchronized (CheckScheduler.this) {
                if (closed || entry.removed) {
                    finished = true;
                    entry.inFlight = false;
                    return;
                }
                path = entry.path;
                checkerName = entry.plan.checker();
                timeout = entry.timeout;
                timeoutTask = timer.schedule(this::timeOut, timeout.toNanos(), TimeUnit.NANOSECONDS);
            }
            long started = System.nanoTime();
            CheckResult result = call(path);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            returned = true;
            timeoutTask.cancel(false);
            synchronized (CheckScheduler.this) {
                finished = true;
                entry.inFlight = false;
                if (closed || entry.removed) {
                    return;
                }
                tally.checkRan(checkerName, path.name(), Instant.now(), took);
                if (entry.plan.blacklisted() || checkers.get(entry.plan.checker()) != checker) {
                    entry.recheck = false;
                }
                if (entry.plan.blacklisted()) {
                    // Blacklisted while it ran: the path is no longer checked, and its "blacklisted" stays.
                    return;
                }
                if (checkers.get(entry.plan.checker()) != checker) {
                    // The path changed checker, or this checker left, while it ran: its word no longer counts.
                    if (checkers.get(entry.plan.checker()) != null) {
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
                CheckResult result = checker.check(path, timeout);
                return result != null ? result
                        : CheckResult.of(CheckerState.UNCHECKED, "checker '" + checkerName + "' gave no result");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return CheckResult.of(CheckerState.UNCHECKED, "check interrupted");
            } catch (Exception | LinkageError e) {
                // LinkageError: the checker's bundle was uninstalled under the call.
                LOG.log(Level.DEBUG, "checker '" + checkerName + "' failed on " + path.name(), e);
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
                tally.checkTimedOut(checkerName);
                workers.replaceStuckWorker();
                if (!entry.removed && !entry.plan.blacklisted() && checkers.get(checkerName) == checker) {
                    report(entry, PathCheck.checked(checkerName, CheckerState.TIMEOUT, "checker '" + checkerName
                            + "' did not answer within " + describe(timeout)));
                }
                LOG.log(Level.WARNING, "checker ''{0}'' on {1} did not answer within {2}; the path is not"
                        + " checked again until that call returns", checkerName, entry.path.name(),
                        describe(timeout));
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
        PathPlan plan;
        /** The planner that made {@link #plan} for {@link #path}: the plan is re-made only when either changes. */
        CheckPlanner plannedBy;
        Duration timeout;
        CheckCadence cadence;
        PathCheck last;
        ScheduledFuture<?> next;
        boolean inFlight;
        /** A change arrived while a check was in flight: check again as soon as it ends. */
        boolean recheck;
        boolean removed;

        PathEntry(Path path, PathPlan plan, CheckPlanner plannedBy, Duration timeout, CheckCadence cadence) {
            this.path = path;
            this.plan = plan;
            this.plannedBy = plannedBy;
            this.timeout = timeout;
            this.cadence = cadence;
        }

        /** Whether the path is checked, by the checker of this name. */
        boolean checks(String checkerName) {
            return !plan.blacklisted() && plan.checker().equals(checkerName);
        }
    }
}

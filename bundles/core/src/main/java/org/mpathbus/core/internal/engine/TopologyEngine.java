package org.mpathbus.core.internal.engine;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.SortedSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.mpathbus.api.Path;
import org.mpathbus.api.SourceState;
import org.mpathbus.api.Topology;
import org.mpathbus.api.TopologyService;
import org.mpathbus.api.control.MultipathdMonitor;
import org.mpathbus.api.event.TopologyEvent;
import org.mpathbus.api.spi.MultipathSource;
import org.mpathbus.api.spi.PathChecker;
import org.mpathbus.api.spi.TopologyListener;
import org.mpathbus.api.statistics.CheckStatistics;
import org.mpathbus.api.statistics.TransitionStatistics;
import org.mpathbus.api.statistics.CheckerCounts;
import org.mpathbus.api.statistics.LastCheck;
import org.mpathbus.core.internal.checks.CheckPlanner;
import org.mpathbus.core.internal.checks.CheckResultSink;
import org.mpathbus.core.internal.checks.CheckScheduler;
import org.mpathbus.core.internal.checks.CheckSettings;
import org.mpathbus.core.internal.checks.CheckTally;
import org.mpathbus.core.internal.checks.ConfiguredPlans;
import org.mpathbus.core.internal.checks.PathCheck;
import org.mpathbus.core.internal.listeners.TopologyBroadcaster;

/**
 * The topology engine: the one writer of the model. A single engine thread owns the source state, the
 * checkers' view and the current snapshot; sources, the check scheduler, service events and refresh
 * requests only submit work to it. Each change becomes a new immutable {@link Topology} (generation + 1)
 * and the numbered events between the old and the new one, handed to every {@link TopologyListener}
 * through its own mailbox.
 *
 * <p>The check scheduler lives inside the engine. New settings apply in place ({@link #reconfigure}): the
 * engine, its snapshot and its sequence numbers stay; a new scheduler re-checks every path. Services reach the
 * engine through {@link TopologyEngineComponent}, which reads their properties.
 *
 * <p>While multipath.conf is read (bundle org.mpathbus.config, seen through {@link ConfiguredPlans}), it decides
 * each path's checker, intervals and timeout (where it leaves one to multipath-tools' built-in default, the
 * value of org.mpathbus.core.checks applies) and leaves blacklisted paths unchecked; without it the values of
 * org.mpathbus.core.checks apply to every path.
 */
public final class TopologyEngine implements TopologyService, CheckStatistics {

    static final int HISTORY = 1_000;
    private static final Duration MISSING_SOURCE_GRACE = Duration.ofSeconds(5);
    private static final Duration SERVICE_CHANGE_WAIT = Duration.ofSeconds(10);
    /**
     * Check results make at most one snapshot per window: a burst (all paths at start-up, a whole host
     * going down) then costs a few snapshots instead of one per path, for at most this much delay.
     */
    private static final long CHECK_BATCH_WINDOW_NANOS = Duration.ofMillis(10).toNanos();
    private static final Logger LOG = System.getLogger(TopologyEngine.class.getName());

    private final Clock clock;
    private final EngineThread engineThread = new EngineThread("mpathbus-engine");
    private final TopologyBroadcaster broadcaster;
    private final EventHistory history = new EventHistory(HISTORY);
    private final TransitionTally transitions = new TransitionTally();
    /** Kept across check schedulers replaced by new settings, so its counters only grow. */
    private final CheckTally checkTally = new CheckTally();
    private final Map<String, PathCheck> pendingChecks = new ConcurrentHashMap<>();
    private final AtomicBoolean checksDrainQueued = new AtomicBoolean();
    private volatile long lastChecksDrain = System.nanoTime() - CHECK_BATCH_WINDOW_NANOS;

    // Engine thread only:
    private final SnapshotAssembler assembler;
    private final TopologyDiff diff = new TopologyDiff();
    private final SourceSelection sources;
    private final MultipathdReports multipathd = new MultipathdReports();
    private ScheduledFuture<?> reconcileTask;
    /** Replaced only by the engine thread; volatile for close(). */
    private volatile CheckScheduler checks;
    private CheckSettings checkSettings;
    /** The multipath configuration's plans while that service is present, else null. */
    private ConfiguredPlans configuredPlans;
    /** The planner the scheduler uses now. */
    private CheckPlanner plannerInForce;
    /** Hands a reload of multipath.conf over to the engine thread. */
    private final Runnable configurationReloaded = () -> engineThread.execute(this::followConfiguredPlans);
    /** The sink of the scheduler in use; reports from a replaced scheduler are dropped. */
    private volatile CheckSink checkSink;
    /** The scheduler's installed checker names, newest first known. */
    private volatile SortedSet<String> installedCheckers = Collections.emptySortedSet();

    /** Written by the engine thread only; read by anyone. */
    private volatile Topology current;

    TopologyEngine(String wantedSource, Duration reconcileInterval, CheckSettings settings, Clock clock,
            long maxPendingWeight) {
        this.clock = clock;
        this.current = Topology.empty(wantedSource);
        this.assembler = new SnapshotAssembler(settings.defaultChecker());
        this.broadcaster = new TopologyBroadcaster(maxPendingWeight);
        this.checkSettings = settings;
        this.checkSink = new CheckSink();
        this.plannerInForce = settings.planner();
        this.checks = new CheckScheduler(settings, plannerInForce, checkSink, checkTally);
        this.sources = new SourceSelection(wantedSource, engineThread, this::applySource,
                () -> current.generation());
        LOG.log(Level.INFO, "topology engine uses the MultipathSource with source.name ''{0}''", wantedSource);
        engineThread.schedule(sources::warnIfMissing, MISSING_SOURCE_GRACE);
        scheduleReconcile(reconcileInterval);
    }

    private void scheduleReconcile(Duration interval) {
        reconcileTask = engineThread.scheduleWithFixedDelay(sources::reconcile, interval);
    }

    /** Runs on the engine thread: switches source, reconcile interval and check scheduler as needed. */
    void reconfigure(String source, Duration reconcileInterval, CheckSettings settings) {
        engineThread.runAndWait(() -> {
            reconcileTask.cancel(false);
            scheduleReconcile(reconcileInterval);
            if (!settings.equals(checkSettings)) {
                replaceChecks(settings);
            }
            if (!source.equals(sources.wanted())) {
                sources.want(source);
            }
            publish();
        }, SERVICE_CHANGE_WAIT);
    }

    private void replaceChecks(CheckSettings settings) {
        checkSettings = settings;
        CheckScheduler old = checks;
        old.close();
        pendingChecks.clear();
        checkSink = new CheckSink();
        plannerInForce = planner();
        checks = new CheckScheduler(settings, plannerInForce, checkSink, checkTally);
        assembler.defaultChecker(settings.defaultChecker());
        old.handCheckersTo(checks);
        SourceState state = assembler.source();
        List<Path> paths = new ArrayList<>(state.unmappedPaths());
        state.maps().forEach(map -> paths.addAll(map.paths()));
        checks.pathsChanged(paths, List.of());
        LOG.log(Level.INFO, "path checks reconfigured: {0}", settings);
    }

    /** The planner to use: the multipath configuration's, else the values of org.mpathbus.core.checks. */
    private CheckPlanner planner() {
        return configuredPlans != null ? configuredPlans.current(checkSettings) : checkSettings.planner();
    }

    public void close() {
        engineThread.runAndWait(() -> {
            sources.closeAll();
            multipathd.closeAll();
        }, SERVICE_CHANGE_WAIT);
        engineThread.close();
        checks.close();
        broadcaster.close();
    }

    // ---- TopologyService

    @Override
    public Topology topology() {
        return current;
    }

    @Override
    public List<TopologyEvent> recentEvents() {
        return history.snapshot();
    }

    /** Every transition since the engine started, counted before any listener sees it. */
    TransitionStatistics transitions() {
        return transitions;
    }

    @Override
    public List<CheckerCounts> checkerCounts() {
        return checkTally.checkerCounts();
    }

    @Override
    public Optional<LastCheck> lastCheck(String pathName) {
        return checkTally.lastCheck(pathName);
    }

    @Override
    public Topology refresh() throws InterruptedException {
        Future<Topology> result = engineThread.submit(() -> {
            sources.refresh();
            return current;
        });
        try {
            return result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IllegalStateException failure) {
                throw failure;
            }
            throw new IllegalStateException("refresh failed: " + e.getCause(), e.getCause());
        }
    }

    // ---- Sources

    void addSource(MultipathSource source, String name) {
        addSource(source, name, false);
    }

    /** @param joins the source's maps join those of the chosen source ({@link MultipathSource#JOINS}) */
    void addSource(MultipathSource source, String name, boolean joins) {
        if (joins) {
            engineThread.runAndWait(() -> sources.joining(source, name), SERVICE_CHANGE_WAIT);
            return;
        }
        // Waits for the first full read, so that whoever sees the source registered (the console, an
        // exporter taking its bus name) sees its maps too, not an empty topology.
        engineThread.runAndWait(() -> sources.arrived(source, name), SERVICE_CHANGE_WAIT);
    }

    void removeSource(MultipathSource source) {
        // Waits, so the engine no longer uses the source once its service is gone.
        engineThread.runAndWait(() -> sources.left(source), SERVICE_CHANGE_WAIT);
    }

    private void applySource(SourceState state) {
        SourcePathChanges changes = SourcePathChanges.between(assembler.sourceMapsByWwid(), assembler.source(), state);
        assembler.source(state);
        assembler.pathsChanged(changes.upserted(), changes.removed());
        checks.pathsChanged(changes.upserted(), changes.removed());
        publish();
    }

    // ---- Checkers

    void addChecker(PathChecker checker, String name) {
        engineThread.execute(() -> {
            LOG.log(Level.INFO, "path checker ''{0}'' installed", name);
            checks.checkerAdded(name, checker);
        });
    }

    void removeChecker(PathChecker checker, String name) {
        // Waits, so the checker is no longer called once its service is gone (a call in progress ends).
        engineThread.runAndWait(() -> {
            LOG.log(Level.INFO, "path checker ''{0}'' removed", name);
            checks.checkerRemoved(name, checker);
        }, SERVICE_CHANGE_WAIT);
    }

    /** The scheduler's reports: check results are coalesced so a burst of them makes one snapshot. */
    private final class CheckSink implements CheckResultSink {
        @Override
        public void pathChecked(String path, PathCheck check) {
            if (this != checkSink) {
                return;
            }
            pendingChecks.put(path, check);
            if (checksDrainQueued.compareAndSet(false, true)) {
                long wait = lastChecksDrain + CHECK_BATCH_WINDOW_NANOS - System.nanoTime();
                engineThread.schedule(TopologyEngine.this::applyChecks, Duration.ofNanos(Math.max(0, wait)));
            }
        }

        @Override
        public void checkersChanged(SortedSet<String> names) {
            if (this != checkSink) {
                return;
            }
            // Read by every snapshot built from now on, so none shows a result of a checker it does not list.
            installedCheckers = names;
            engineThread.execute(TopologyEngine.this::publish);
        }
    }

    private void applyChecks() {
        checksDrainQueued.set(false);
        lastChecksDrain = System.nanoTime();
        for (Map.Entry<String, PathCheck> entry : pendingChecks.entrySet()) {
            String name = entry.getKey();
            PathCheck check = entry.getValue();
            pendingChecks.remove(name, check);
            String mapWwid = assembler.mapOf(name);
            if (mapWwid != null) {
                assembler.check(name, mapWwid, check);
            }
        }
        publish();
    }

    // ---- multipath.conf

    void useConfiguredPlans(ConfiguredPlans plans) {
        engineThread.runAndWait(() -> {
            if (configuredPlans != null) {
                configuredPlans.removeReloadListener(configurationReloaded);
            }
            configuredPlans = plans;
            plans.addReloadListener(configurationReloaded);
            usePlanner(plans.current(checkSettings));
        }, SERVICE_CHANGE_WAIT);
    }

    void dropConfiguredPlans(ConfiguredPlans plans) {
        engineThread.runAndWait(() -> {
            plans.removeReloadListener(configurationReloaded);
            if (configuredPlans == plans) {
                configuredPlans = null;
                usePlanner(checkSettings.planner());
            }
        }, SERVICE_CHANGE_WAIT);
    }

    private void followConfiguredPlans() {
        if (configuredPlans != null) {
            usePlanner(configuredPlans.current(checkSettings));
        }
    }

    /** Puts a planner in force: every path is planned again, and those whose plan changed are checked at once. */
    private void usePlanner(CheckPlanner planner) {
        if (planner == plannerInForce) {
            return;
        }
        plannerInForce = planner;
        LOG.log(Level.INFO, "path checks follow {0}", planner);
        checks.plannerChanged(planner);
        // Whether the snapshot shows blacklist verdicts may change even where no path's check does.
        publish();
    }

    // ---- What the owners say about themselves

    void addMultipathdMonitor(MultipathdMonitor monitor, String source) {
        engineThread.runAndWait(() -> {
            multipathd.add(monitor, source, state -> engineThread.execute(() -> {
                multipathd.report(monitor, state);
                publish();
            }));
            publish();
        }, SERVICE_CHANGE_WAIT);
    }

    void removeMultipathdMonitor(MultipathdMonitor monitor) {
        engineThread.runAndWait(() -> {
            multipathd.remove(monitor);
            publish();
        }, SERVICE_CHANGE_WAIT);
    }

    // ---- Listeners

    /** @param description names the listener in log messages */
    void addListener(TopologyListener listener, String description) {
        engineThread.execute(() -> broadcaster.add(listener, description, current));
    }

    void removeListener(TopologyListener listener) {
        engineThread.runAndWait(() -> broadcaster.remove(listener), SERVICE_CHANGE_WAIT);
    }

    // ---- Snapshots

    /** Makes a snapshot of the current state; publishes it when anything changed. */
    private void publish() {
        Topology before = current;
        assembler.installedCheckers(installedCheckers);
        String source = sources.inUse();
        Topology after = assembler.build(before.generation() + 1, clock.instant(), source,
                plannerInForce.appliesBlacklist(), multipathd.of(source));
        List<TopologyEvent> events = diff.between(before, after, after.timestamp());
        // Every change inside a map makes a MapChanged; what lies outside maps is compared here.
        boolean changed = !events.isEmpty() || !after.checkers().equals(before.checkers())
                || !after.unmappedPaths().equals(before.unmappedPaths()) || !after.source().equals(before.source())
                || after.blacklistApplied() != before.blacklistApplied()
                || !after.multipathd().equals(before.multipathd());
        if (!changed) {
            return;
        }
        current = after;
        history.addAll(events);
        transitions.count(events);
        broadcaster.publish(after, events);
    }

    // ---- For tests

    /** The last sequence number handed out (engine thread only, so tests read it through the engine). */
    long lastSequence() throws Exception {
        return engineThread.submit(diff::lastSequence).get();
    }

    /** Waits until every task queued so far on the engine thread has run. */
    void awaitEngine() throws Exception {
        engineThread.submit(() -> null).get();
    }
}

package org.mpathbus.core.internal.engine;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.mpathbus.api.Path;
import org.mpathbus.api.SourceState;
import org.mpathbus.api.Topology;
import org.mpathbus.api.TopologyService;
import org.mpathbus.api.event.TopologyEvent;
import org.mpathbus.api.spi.MultipathSource;
import org.mpathbus.api.spi.PathChecker;
import org.mpathbus.api.spi.TopologyListener;
import org.mpathbus.api.statistics.CheckStatistics;
import org.mpathbus.api.statistics.CheckerCounts;
import org.mpathbus.api.statistics.LastCheck;
import org.mpathbus.core.internal.checks.CheckPlanner;
import org.mpathbus.core.internal.checks.CheckResultSink;
import org.mpathbus.core.internal.checks.CheckScheduler;
import org.mpathbus.core.internal.checks.CheckSettings;
import org.mpathbus.core.internal.checks.CheckTally;
import org.mpathbus.core.internal.checks.ChecksConfiguration;
import org.mpathbus.core.internal.checks.ConfiguredPlans;
import org.mpathbus.core.internal.checks.PathCheck;
import org.mpathbus.core.internal.checks.SysfsDeviceTimeout;
import org.mpathbus.core.internal.listeners.TopologyBroadcaster;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The topology engine: the one writer of the model. A single engine thread owns the source state, the
 * checkers' view and the current snapshot; sources, the check scheduler, service events and refresh
 * requests only submit work to it. Each change becomes a new immutable {@link Topology} (generation + 1)
 * and the numbered events between the old and the new one, handed to every {@link TopologyListener}
 * through its own mailbox.
 *
 * <p>The check scheduler lives inside the engine with its own configuration PID
 * (org.mpathbus.core.checks). A change to either PID is applied in place ({@link #modified}): the engine,
 * its snapshot and its sequence numbers stay; a new scheduler re-checks every path. Both configuration
 * types name their PID in their {@code @ObjectClassDefinition}, since a {@code @Designate} allows only one.
 *
 * <p>While multipath.conf is read (bundle org.mpathbus.config, seen through {@link ConfiguredPlans}), it decides
 * each path's checker, intervals and timeout (where it leaves one to multipath-tools' built-in default, the
 * value of org.mpathbus.core.checks applies) and leaves blacklisted paths unchecked; without it the values of
 * org.mpathbus.core.checks apply to every path.
 */
@Component(name = TopologyEngine.PID, configurationPid = { TopologyEngine.PID, ChecksConfiguration.PID },
        service = { TopologyService.class, CheckStatistics.class }, immediate = true)
public final class TopologyEngine implements TopologyService, CheckStatistics {

    public static final String PID = EngineConfiguration.PID;
    static final String SOURCE_PROPERTY = "mpathbus.source";
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
    private final Function<Path, Optional<Duration>> deviceTimeout;
    private final EngineThread engineThread = new EngineThread("mpathbus-engine");
    private final TopologyBroadcaster broadcaster;
    private final EventHistory history = new EventHistory(HISTORY);
    /** Kept across check schedulers replaced by new settings, so its counters only grow. */
    private final CheckTally checkTally = new CheckTally();
    private final Map<String, PathCheck> pendingChecks = new ConcurrentHashMap<>();
    private final AtomicBoolean checksDrainQueued = new AtomicBoolean();
    private volatile long lastChecksDrain = System.nanoTime() - CHECK_BATCH_WINDOW_NANOS;

    // Engine thread only:
    private final SnapshotAssembler assembler;
    private final TopologyDiff diff = new TopologyDiff();
    private final Map<PathChecker, String> checkers = new IdentityHashMap<>();
    private final SourceSelection sources;
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

    @Activate
    public TopologyEngine(EngineConfiguration engine, ChecksConfiguration checks, BundleContext context) {
        this(wantedSource(engine, context), reconcileInterval(engine), CheckSettings.from(checks),
                new SysfsDeviceTimeout(), Clock.systemUTC(), TopologyBroadcaster.DEFAULT_MAX_PENDING_EVENTS);
    }

    /** Applies new configuration of either PID without a restart. */
    @Modified
    void modified(EngineConfiguration engine, ChecksConfiguration checks, BundleContext context) {
        reconfigure(wantedSource(engine, context), reconcileInterval(engine), CheckSettings.from(checks));
    }

    private static String wantedSource(EngineConfiguration engine, BundleContext context) {
        return WantedSource.resolve(engine.source(), context.getProperty(SOURCE_PROPERTY),
                java.nio.file.Path.of("/dev/mapper/control"));
    }

    TopologyEngine(String wantedSource, Duration reconcileInterval, CheckSettings settings,
            Function<Path, Optional<Duration>> deviceTimeout, Clock clock, int maxPendingEvents) {
        this.clock = clock;
        this.deviceTimeout = deviceTimeout;
        this.current = Topology.empty(wantedSource);
        this.assembler = new SnapshotAssembler(settings.defaultChecker());
        this.broadcaster = new TopologyBroadcaster(maxPendingEvents);
        this.checkSettings = settings;
        this.checkSink = new CheckSink();
        this.plannerInForce = settings.planner();
        this.checks = new CheckScheduler(settings, plannerInForce, deviceTimeout, checkSink, checkTally);
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
        checks.close();
        pendingChecks.clear();
        checkSink = new CheckSink();
        plannerInForce = planner();
        checks = new CheckScheduler(settings, plannerInForce, deviceTimeout, checkSink, checkTally);
        assembler.defaultChecker(settings.defaultChecker());
        checkers.forEach((checker, name) -> checks.checkerAdded(name, checker));
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

    private static Duration reconcileInterval(EngineConfiguration config) {
        if (config.reconcile__interval() < 1) {
            LOG.log(Level.ERROR, "{0}: reconcile_interval must be at least 1, not {1}; using 60", PID,
                    config.reconcile__interval());
            return Duration.ofSeconds(60);
        }
        return Duration.ofSeconds(config.reconcile__interval());
    }

    @Deactivate
    public void close() {
        engineThread.runAndWait(sources::close, SERVICE_CHANGE_WAIT);
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

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindSource(MultipathSource source, Map<String, Object> properties) {
        String name = String.valueOf(properties.getOrDefault(MultipathSource.SOURCE_NAME, ""));
        // Waits for the first full read, so that whoever sees the source registered (the console, an
        // exporter taking its bus name) sees its maps too, not an empty topology.
        engineThread.runAndWait(() -> sources.arrived(source, name), SERVICE_CHANGE_WAIT);
    }

    void unbindSource(MultipathSource source) {
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

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindChecker(PathChecker checker, Map<String, Object> properties) {
        Object name = properties.get(PathChecker.CHECKER_NAME);
        if (name == null || name.toString().isBlank()) {
            LOG.log(Level.ERROR, "PathChecker service {0} has no {1} property; it is ignored",
                    properties.get(Constants.SERVICE_ID), PathChecker.CHECKER_NAME);
            return;
        }
        engineThread.execute(() -> {
            LOG.log(Level.INFO, "path checker ''{0}'' installed", name);
            checkers.put(checker, name.toString());
            checks.checkerAdded(name.toString(), checker);
        });
    }

    void unbindChecker(PathChecker checker) {
        // Waits, so the checker is no longer called once its service is gone (a call in progress ends).
        engineThread.runAndWait(() -> {
            String name = checkers.remove(checker);
            if (name != null) {
                LOG.log(Level.INFO, "path checker ''{0}'' removed", name);
                checks.checkerRemoved(name, checker);
            }
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

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindConfiguredPlans(ConfiguredPlans plans) {
        engineThread.runAndWait(() -> {
            if (configuredPlans != null) {
                configuredPlans.removeReloadListener(configurationReloaded);
            }
            configuredPlans = plans;
            plans.addReloadListener(configurationReloaded);
            usePlanner(plans.current(checkSettings));
        }, SERVICE_CHANGE_WAIT);
    }

    void unbindConfiguredPlans(ConfiguredPlans plans) {
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
    }

    // ---- Listeners

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindListener(TopologyListener listener, Map<String, Object> properties) {
        String description = "service " + properties.get(Constants.SERVICE_ID) + " ("
                + properties.getOrDefault("component.name", listener.getClass().getName()) + ")";
        engineThread.execute(() -> broadcaster.add(listener, description, current));
    }

    void unbindListener(TopologyListener listener) {
        engineThread.runAndWait(() -> broadcaster.remove(listener), SERVICE_CHANGE_WAIT);
    }

    // ---- Snapshots

    /** Makes a snapshot of the current state; publishes it when anything changed. */
    private void publish() {
        Topology before = current;
        assembler.installedCheckers(installedCheckers);
        Topology after = assembler.build(before.generation() + 1, clock.instant(), sources.wanted());
        List<TopologyEvent> events = diff.between(before, after, after.timestamp());
        // Every change inside a map makes a MapChanged; what lies outside maps is compared here.
        boolean changed = !events.isEmpty() || !after.checkers().equals(before.checkers())
                || !after.unmappedPaths().equals(before.unmappedPaths()) || !after.source().equals(before.source());
        if (!changed) {
            return;
        }
        current = after;
        history.addAll(events);
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

package org.mpathbus.core.internal.engine;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.mpathbus.api.Topology;
import org.mpathbus.api.TopologyService;
import org.mpathbus.api.control.MultipathdMonitor;
import org.mpathbus.api.statistics.CheckStatistics;
import org.mpathbus.api.statistics.TransitionStatistics;
import org.mpathbus.api.statistics.CheckerCounts;
import org.mpathbus.api.statistics.LastCheck;
import org.mpathbus.api.event.TopologyEvent;
import org.mpathbus.api.spi.MultipathSource;
import org.mpathbus.api.spi.PathChecker;
import org.mpathbus.api.spi.TopologyListener;
import org.mpathbus.core.internal.checks.CheckSettings;
import org.mpathbus.core.internal.checks.ChecksConfiguration;
import org.mpathbus.core.internal.checks.ConfiguredPlans;
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
 * The engine as a DS component: reads its two configuration PIDs and the properties of the services it binds
 * (source.name, checker.name), and hands everything to the {@link TopologyEngine}. A change to either PID is
 * applied in place ({@link #modified}). Both configuration types name their PID in their
 * {@code @ObjectClassDefinition}, since a {@code @Designate} allows only one.
 */
@Component(name = TopologyEngineComponent.PID, configurationPid = { TopologyEngineComponent.PID,
        ChecksConfiguration.PID }, service = { TopologyService.class, CheckStatistics.class,
                TransitionStatistics.class }, immediate = true)
public final class TopologyEngineComponent implements TopologyService, CheckStatistics, TransitionStatistics {

    public static final String PID = EngineConfiguration.PID;
    static final String SOURCE_PROPERTY = "mpathbus.source";
    private static final Logger LOG = System.getLogger(TopologyEngineComponent.class.getName());

    private final TopologyEngine engine;

    @Activate
    public TopologyEngineComponent(EngineConfiguration engine, ChecksConfiguration checks, BundleContext context) {
        this.engine = new TopologyEngine(wantedSource(engine, context), reconcileInterval(engine),
                CheckSettings.from(checks), Clock.systemUTC(), TopologyBroadcaster.DEFAULT_MAX_PENDING_WEIGHT);
    }

    /** Applies new configuration of either PID without a restart. */
    @Modified
    void modified(EngineConfiguration engine, ChecksConfiguration checks, BundleContext context) {
        this.engine.reconfigure(wantedSource(engine, context), reconcileInterval(engine), CheckSettings.from(checks));
    }

    @Deactivate
    void deactivate() {
        engine.close();
    }

    private static String wantedSource(EngineConfiguration engine, BundleContext context) {
        return WantedSource.resolve(engine.source(), context.getProperty(SOURCE_PROPERTY));
    }

    private static Duration reconcileInterval(EngineConfiguration config) {
        if (config.reconcile__interval() < 1) {
            LOG.log(Level.ERROR, "{0}: reconcile_interval must be at least 1, not {1}; using 60", PID,
                    config.reconcile__interval());
            return Duration.ofSeconds(60);
        }
        return Duration.ofSeconds(config.reconcile__interval());
    }

    @Override
    public Topology topology() {
        return engine.topology();
    }

    @Override
    public List<TopologyEvent> recentEvents() {
        return engine.recentEvents();
    }

    @Override
    public Topology refresh() throws InterruptedException {
        return engine.refresh();
    }

    @Override
    public List<CheckerCounts> checkerCounts() {
        return engine.checkerCounts();
    }

    @Override
    public Optional<LastCheck> lastCheck(String pathName) {
        return engine.lastCheck(pathName);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindSource(MultipathSource source, Map<String, Object> properties) {
        engine.addSource(source, String.valueOf(properties.getOrDefault(MultipathSource.SOURCE_NAME, "")),
                Boolean.parseBoolean(String.valueOf(properties.get(MultipathSource.JOINS))));
    }

    void unbindSource(MultipathSource source) {
        engine.removeSource(source);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindChecker(PathChecker checker, Map<String, Object> properties) {
        String name = checkerName(properties);
        if (name == null) {
            LOG.log(Level.ERROR, "PathChecker service {0} has no {1} property; it is ignored",
                    properties.get(Constants.SERVICE_ID), PathChecker.CHECKER_NAME);
            return;
        }
        engine.addChecker(checker, name);
    }

    void unbindChecker(PathChecker checker, Map<String, Object> properties) {
        String name = checkerName(properties);
        if (name != null) {
            engine.removeChecker(checker, name);
        }
    }

    private static String checkerName(Map<String, Object> properties) {
        Object name = properties.get(PathChecker.CHECKER_NAME);
        return name == null || name.toString().isBlank() ? null : name.toString();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindMultipathdMonitor(MultipathdMonitor monitor, Map<String, Object> properties) {
        engine.addMultipathdMonitor(monitor,
                String.valueOf(properties.getOrDefault(MultipathdMonitor.SOURCE_NAME, "")));
    }

    void unbindMultipathdMonitor(MultipathdMonitor monitor) {
        engine.removeMultipathdMonitor(monitor);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindConfiguredPlans(ConfiguredPlans plans) {
        engine.useConfiguredPlans(plans);
    }

    void unbindConfiguredPlans(ConfiguredPlans plans) {
        engine.dropConfiguredPlans(plans);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindListener(TopologyListener listener, Map<String, Object> properties) {
        engine.addListener(listener, "service " + properties.get(Constants.SERVICE_ID) + " ("
                + properties.getOrDefault("component.name", listener.getClass().getName()) + ")");
    }

    void unbindListener(TopologyListener listener) {
        engine.removeListener(listener);
    }

    @Override
    public long pathFailures(String pathName) {
        return engine.transitions().pathFailures(pathName);
    }

    @Override
    public long pathReinstatements(String pathName) {
        return engine.transitions().pathReinstatements(pathName);
    }

    @Override
    public long mapFailures(String wwid) {
        return engine.transitions().mapFailures(wwid);
    }

    @Override
    public long mapRestorations(String wwid) {
        return engine.transitions().mapRestorations(wwid);
    }

    @Override
    public long lastSequence() {
        return engine.transitions().lastSequence();
    }
}

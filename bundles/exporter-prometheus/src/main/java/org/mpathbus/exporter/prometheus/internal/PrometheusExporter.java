package org.mpathbus.exporter.prometheus.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.mpathbus.api.Topology;
import org.mpathbus.api.TopologyService;
import org.mpathbus.api.event.TopologyEvent;
import org.mpathbus.api.spi.TopologyListener;
import org.mpathbus.api.statistics.CheckStatistics;
import org.mpathbus.api.statistics.TransitionStatistics;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * Serves /metrics while the bundle runs: activation listens, deactivation (bundle stopped, updated or
 * uninstalled, or a configuration change, which re-creates the component) closes the port. As a
 * TopologyListener it keeps the newest snapshot and counts events on its own mailbox thread; a scrape renders
 * that snapshot, so the engine never waits for a scrape. A port that cannot be had is logged and leaves the
 * rest of the daemon running.
 */
@Component(service = TopologyListener.class, configurationPid = PrometheusExporter.PID, immediate = true)
@Designate(ocd = PrometheusExporterConfiguration.class)
public final class PrometheusExporter implements TopologyListener {

    static final String PID = "org.mpathbus.exporter.prometheus";
    static final int DEFAULT_PORT = 9797;

    private static final Logger LOG = System.getLogger(PrometheusExporter.class.getName());
    /**
     * The JVM's metrics, registered once per bundle: JvmMetrics keeps every registry it was registered with
     * in a static set, so a registry per activation would keep every earlier exporter (and its snapshot).
     */
    private static final PrometheusRegistry JVM = jvmRegistry();

    private final TransitionStatistics transitions;
    private volatile Topology latest;
    private volatile CheckStatistics checkStatistics;
    /** The state families of the newest snapshot a scrape rendered. */
    private volatile StateFamilies stateFamilies;
    private final MetricsEndpoint endpoint;

    @Activate
    public PrometheusExporter(PrometheusExporterConfiguration config, @Reference TopologyService engine,
            @Reference TransitionStatistics transitions) {
        latest = engine.topology();
        this.transitions = transitions;
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register((MultiCollector) this::collect);
        registry.register((MultiCollector) JVM::scrape);
        endpoint = listen(config, registry);
    }

    private static PrometheusRegistry jvmRegistry() {
        PrometheusRegistry registry = new PrometheusRegistry();
        JvmMetrics.builder().register(registry);
        return registry;
    }

    private static MetricsEndpoint listen(PrometheusExporterConfiguration config, PrometheusRegistry registry) {
        String address = config.address().strip();
        try {
            MetricsEndpoint started = MetricsEndpoint.start(address, config.port(), registry);
            LOG.log(Level.INFO, "Prometheus metrics on http://{0}:{1}/metrics", address,
                    Integer.toString(started.port()));
            return started;
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.ERROR, "{0}: cannot serve /metrics on {1} port {2}: {3}; fix address or port in etc/{0}.cfg",
                    PID, address, Integer.toString(config.port()), e.toString());
            return null;
        }
    }

    /** Renders the states of a snapshot once, however many scrapes come before the next snapshot. */
    private MetricSnapshots collect() {
        Topology topology = latest;
        StateFamilies states = stateFamilies;
        if (states == null || states.topology() != topology) {
            states = new StateFamilies(topology, TopologyMetrics.stateFamilies(topology));
            stateFamilies = states;
        }
        List<MetricSnapshot> all = new ArrayList<>(states.families());
        all.addAll(TopologyMetrics.activityFamilies(topology, transitions, Optional.ofNullable(checkStatistics)));
        return new MetricSnapshots(all);
    }

    private record StateFamilies(Topology topology, List<MetricSnapshot> families) {
    }

    @Override
    public void topologyChanged(Topology topology, List<TopologyEvent> events) {
        latest = topology;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindCheckStatistics(CheckStatistics statistics) {
        checkStatistics = statistics;
    }

    void unbindCheckStatistics(CheckStatistics statistics) {
        if (checkStatistics == statistics) {
            checkStatistics = null;
        }
    }

    /** The port served, -1 when none could be had; for tests. */
    int port() {
        return endpoint == null ? -1 : endpoint.port();
    }

    @Deactivate
    void close() {
        if (endpoint != null) {
            endpoint.close();
        }
    }
}

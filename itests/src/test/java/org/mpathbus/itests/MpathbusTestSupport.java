package org.mpathbus.itests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.After;
import org.junit.runner.RunWith;
import org.mpathbus.api.CheckerState;
import org.mpathbus.api.Topology;
import org.mpathbus.api.TopologyService;
import org.mpathbus.api.spi.TopologyListener;
import org.mpathbus.testing.Await;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Base of every Pax Exam test: a Felix framework (the one of the test class path, 7.0.5) with exactly the
 * bundles the distribution ships in bundle/, the simulator as source, and helpers to reach services,
 * configure components and wait for topologies. Each test method gets a framework of its own, so a
 * configuration a test sets always changes the defaults and never leaks into the next test.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public abstract class MpathbusTestSupport {

    /** Set by the build (failsafe): the daemon laid out by the distribution module. */
    static final String DISTRIBUTION_PROPERTY = "mpathbus.distribution";

    static final String SIMULATOR_PID = "org.mpathbus.simulator";
    static final String CHECKS_PID = "org.mpathbus.core.checks";

    /** System property with System.nanoTime() when the framework was configured, just before it starts. */
    static final String CONFIGURED_AT_PROPERTY = "mpathbus.itest.configured.nanos";

    private final List<ServiceTracker<?, ?>> trackers = new ArrayList<>();

    @Configuration
    public Option[] configuration() throws IOException {
        List<Option> options = new ArrayList<>();
        options.add(cleanCaches(true));
        options.add(junitBundles());
        options.add(frameworkProperty("mpathbus.source").value("simulator"));
        // The console bundle ships with the daemon; here it must not read the test JVM's standard input.
        options.add(frameworkProperty("gosh.args").value("--nointeractive"));
        options.add(frameworkProperty("felix.fileinstall.dir").value(emptyDirectory("fileinstall").toString()));
        options.add(frameworkProperty("felix.log.level").value("1"));
        // No test framework publishes on the host's system bus: the exporter gets an address where no bus is.
        options.add(frameworkProperty("mpathbus.dbus.address").value("unix:path=/nonexistent/mpathbus-itests-bus"));
        for (Path jar : distributionBundles()) {
            options.add(bundle(jar.toUri().toString()));
        }
        // The tests' shared helpers (Await), a bundle of their own beside the daemon's
        options.add(bundle(Await.class.getProtectionDomain().getCodeSource().getLocation().toString()));
        options.addAll(additionalOptions());
        // The native container runs the framework in this JVM: the probe reads this to time the start.
        System.setProperty(CONFIGURED_AT_PROPERTY, Long.toString(System.nanoTime()));
        return options.toArray(Option[]::new);
    }

    /** Options a test class adds to the common ones. */
    protected List<Option> additionalOptions() throws IOException {
        return List.of();
    }

    /** The jars of the distribution's bundle/ directory, in name order. */
    static List<Path> distributionBundles() throws IOException {
        Path bundles = distribution().resolve("bundle");
        try (Stream<Path> jars = Files.list(bundles)) {
            List<Path> found = jars.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
            if (found.isEmpty()) {
                throw new IllegalStateException("no bundles in " + bundles);
            }
            return found;
        }
    }

    /** The built daemon; fails naming the build step that makes it when it is missing. */
    static Path distribution() {
        String location = System.getProperty(DISTRIBUTION_PROPERTY);
        if (location == null) {
            throw new IllegalStateException("system property " + DISTRIBUTION_PROPERTY
                    + " is not set: run the tests through Maven (mvn verify)");
        }
        Path home = Paths.get(location).toAbsolutePath().normalize();
        if (!Files.isDirectory(home.resolve("bundle"))) {
            throw new IllegalStateException("no distribution at " + home
                    + ": build it first (mvn install -pl distribution)");
        }
        return home;
    }

    /** A new empty directory under target/itest-tmp (the tests run in the module's directory). */
    static Path emptyDirectory(String purpose) throws IOException {
        Path parent = Paths.get("target", "itest-tmp").toAbsolutePath();
        Files.createDirectories(parent);
        return Files.createTempDirectory(parent, purpose);
    }

    protected BundleContext context() {
        return FrameworkUtil.getBundle(getClass()).getBundleContext();
    }

    /** The service, waiting for it to appear; fails naming the type when it does not in time. */
    protected <S> S service(Class<S> type) {
        ServiceTracker<S, S> tracker = new ServiceTracker<>(context(), type, null);
        tracker.open();
        trackers.add(tracker);
        try {
            S service = tracker.waitForService(Await.DEFAULT.toMillis());
            if (service == null) {
                throw new AssertionError("no " + type.getName() + " service within " + Await.DEFAULT.toSeconds() + " s");
            }
            return service;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + type.getName(), e);
        }
    }

    @After
    public void closeTrackers() {
        trackers.forEach(ServiceTracker::close);
        trackers.clear();
    }

    /** Replaces the configuration of {@code pid} with {@code properties}. */
    protected void configure(String pid, Map<String, ?> properties) throws IOException {
        Dictionary<String, Object> dictionary = new Hashtable<>(properties);
        service(ConfigurationAdmin.class).getConfiguration(pid, "?").update(dictionary);
    }

    /**
     * Replaces the configuration of {@code pid} and waits until every DS component configured by that PID
     * runs with it (activated again or modified, whichever the component does).
     */
    protected void configureAndAwait(String pid, Map<String, ?> properties) throws IOException {
        configure(pid, properties);
        ServiceComponentRuntime scr = service(ServiceComponentRuntime.class);
        Await.until("the components configured by " + pid + " to run with " + properties, Await.DEFAULT,
                () -> runWith(scr, pid, properties), () -> componentStates(scr, pid));
    }

    private boolean runWith(ServiceComponentRuntime scr, String pid, Map<String, ?> properties) {
        List<ComponentDescriptionDTO> configured = configuredBy(scr, pid);
        if (configured.isEmpty()) {
            return false;
        }
        for (ComponentDescriptionDTO description : configured) {
            Collection<ComponentConfigurationDTO> configurations = scr.getComponentConfigurationDTOs(description);
            if (configurations.isEmpty()) {
                return false;
            }
            for (ComponentConfigurationDTO configuration : configurations) {
                if (configuration.state != ComponentConfigurationDTO.ACTIVE
                        && configuration.state != ComponentConfigurationDTO.SATISFIED) {
                    return false;
                }
                for (Map.Entry<String, ?> property : properties.entrySet()) {
                    Object value = configuration.properties.get(property.getKey());
                    if (!String.valueOf(property.getValue()).equals(String.valueOf(value))) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private List<ComponentDescriptionDTO> configuredBy(ServiceComponentRuntime scr, String pid) {
        List<ComponentDescriptionDTO> configured = new ArrayList<>();
        for (Bundle bundle : context().getBundles()) {
            for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(bundle)) {
                if (Arrays.asList(description.configurationPid).contains(pid)) {
                    configured.add(description);
                }
            }
        }
        return configured;
    }

    private String componentStates(ServiceComponentRuntime scr, String pid) {
        List<String> states = new ArrayList<>();
        for (ComponentDescriptionDTO description : configuredBy(scr, pid)) {
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                states.add(description.name + " state " + configuration.state + " " + configuration.properties);
            }
        }
        return states.isEmpty() ? "no component configured by " + pid : String.join("; ", states);
    }

    protected TopologyService topologyService() {
        return service(TopologyService.class);
    }

    /** Waits until the engine's current topology matches, and returns it. */
    protected Topology awaitTopology(String what, Predicate<Topology> condition) {
        TopologyService engine = topologyService();
        Await.until(what, Await.DEFAULT, () -> condition.test(engine.topology()),
                () -> engine.topology().toString());
        return engine.topology();
    }

    /**
     * Waits until the engine has taken the simulator and checked every path once. By then it watches the
     * source, so a change made from here on cannot fall between its first read and its watch.
     */
    protected Topology awaitSettledEngine() {
        return awaitTopology("the engine on the simulator with every path checked once",
                t -> t.source().equals("simulator") && !t.maps().isEmpty()
                        && t.paths().values().stream().allMatch(p -> p.checkerState() != CheckerState.UNCHECKED));
    }

    /** Waits for the simulated SAN of that size: every map with all its paths. */
    protected Topology awaitSimulatedSan(int maps, int pathsPerMap) {
        return awaitTopology(maps + " simulated maps of " + pathsPerMap + " paths", t -> t.source().equals("simulator")
                && t.maps().size() == maps
                && t.maps().values().stream().allMatch(m -> m.pathCount() == pathsPerMap));
    }

    /** Registers {@code listener} as a whiteboard TopologyListener. */
    protected ServiceRegistration<TopologyListener> register(TopologyListener listener) {
        return context().registerService(TopologyListener.class, listener, null);
    }

    static Duration seconds(long seconds) {
        return Duration.ofSeconds(seconds);
    }
}

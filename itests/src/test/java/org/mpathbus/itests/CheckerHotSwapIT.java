package org.mpathbus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.Before;
import org.junit.Test;
import org.mpathbus.api.CheckerState;
import org.mpathbus.api.DmPathState;
import org.mpathbus.api.Topology;
import org.mpathbus.api.TopologyService;
import org.mpathbus.api.event.PathCheckerStateChanged;
import org.mpathbus.api.event.PathFailed;
import org.mpathbus.api.spi.TopologyListener;
import org.mpathbus.itests.checker.AlwaysUpChecker;
import org.mpathbus.testing.Await;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;

/**
 * A checker bundle installed while paths are being checked takes them over, and uninstalled gives them
 * back to "unchecked": without a framework restart, and without one path ever reading "down".
 */
public class CheckerHotSwapIT extends MpathbusTestSupport {

    /** Where the test JVM wrote the checker bundle it built. */
    private static final String CHECKER_BUNDLE_PROPERTY = "mpathbus.itest.checker.bundle";

    private static final int MAPS = 2;
    private static final int PATHS_PER_MAP = 3;

    /** Built on the test's side of the framework, before it starts. */
    @Override
    protected List<Option> additionalOptions() throws IOException {
        Path jar = CheckerBundles.writeAlwaysUp(emptyDirectory("checker-bundle").resolve("itest-up-checker.jar"));
        return List.of(systemProperty(CHECKER_BUNDLE_PROPERTY).value(jar.toUri().toString()));
    }

    @Before
    public void simulatedPathsNamingAnAbsentChecker() throws Exception {
        awaitSettledEngine();
        configureAndAwait(CHECKS_PID, Map.of("polling_interval", 1));
        awaitSettledEngine();
        configureAndAwait(SIMULATOR_PID, Map.of("maps", MAPS, "paths_per_map", PATHS_PER_MAP, "checker", AlwaysUpChecker.NAME));
        awaitSimulatedSan(MAPS, PATHS_PER_MAP);
        awaitTopology("every path naming " + AlwaysUpChecker.NAME + " and unchecked",
                t -> everyPath(t, AlwaysUpChecker.NAME, CheckerState.UNCHECKED));
    }

    @Test
    public void installingAndUninstallingACheckerBundleSwitchesCheckingWithoutADown() throws Exception {
        RecordingListener listener = new RecordingListener();
        ServiceRegistration<TopologyListener> registration = register(listener);
        try {
            Await.until("the listener's first call", () -> !listener.calls().isEmpty());
            TopologyService engineBefore = topologyService();

            Bundle checker = context().installBundle(System.getProperty(CHECKER_BUNDLE_PROPERTY));
            checker.start();
            Topology checked = awaitTopology("every path up by " + AlwaysUpChecker.NAME,
                    t -> everyPath(t, AlwaysUpChecker.NAME, CheckerState.UP));
            assertTrue("checkers " + checked.checkers(), checked.checkers().contains(AlwaysUpChecker.NAME));

            checker.uninstall();
            Topology unchecked = awaitTopology("every path unchecked again",
                    t -> everyPath(t, AlwaysUpChecker.NAME, CheckerState.UNCHECKED));
            assertFalse("checkers " + unchecked.checkers(), unchecked.checkers().contains(AlwaysUpChecker.NAME));

            assertSame("the engine was not restarted", engineBefore, topologyService());
            assertEquals("no PathFailed", List.of(), listener.events(PathFailed.class, e -> true));
            assertEquals("no checker state went down", List.of(), listener.events(PathCheckerStateChanged.class,
                    e -> e.path().checkerState() == CheckerState.DOWN));
            assertEquals("no snapshot had a path down", List.of(), pathsEverDown(listener));
            assertFalse("the checker's verdicts were seen", listener.events(PathCheckerStateChanged.class,
                    e -> e.path().checkerState() == CheckerState.UP).isEmpty());
            EventOrder.assertGapFree(listener.events());
        } finally {
            registration.unregister();
        }
    }

    private static boolean everyPath(Topology topology, String checker, CheckerState state) {
        return !topology.paths().isEmpty() && topology.paths().values().stream()
                .allMatch(p -> p.checker().equals(checker) && p.checkerState() == state
                        && p.dmState() == DmPathState.ACTIVE);
    }

    private static List<String> pathsEverDown(RecordingListener listener) {
        List<String> down = new ArrayList<>();
        for (RecordingListener.Call call : listener.calls()) {
            call.topology().paths().values().stream()
                    .filter(p -> p.checkerState() == CheckerState.DOWN || p.dmState() == DmPathState.FAILED)
                    .forEach(p -> down.add("generation " + call.topology().generation() + ": " + p.name()));
        }
        return down;
    }
}

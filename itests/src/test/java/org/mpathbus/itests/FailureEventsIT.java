package org.mpathbus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.Before;
import org.junit.Test;
import org.mpathbus.api.CheckerState;
import org.mpathbus.api.DmPathState;
import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.Path;
import org.mpathbus.api.Topology;
import org.mpathbus.api.event.MapChanged;
import org.mpathbus.api.event.PathCheckerStateChanged;
import org.mpathbus.api.event.PathDmStateChanged;
import org.mpathbus.api.event.PathFailed;
import org.mpathbus.api.event.PathReinstated;
import org.mpathbus.simulator.SanSimulator;
import org.mpathbus.testing.Await;
import org.osgi.framework.ServiceRegistration;
import org.mpathbus.api.spi.TopologyListener;

/** The engine takes the simulator, and a simulated path failure reaches a listener as ordered events. */
public class FailureEventsIT extends MpathbusTestSupport {

    private static final int MAPS = 3;
    private static final int PATHS_PER_MAP = 4;

    private Topology san;

    @Before
    public void simulatedSanWithEveryPathUp() throws Exception {
        awaitSettledEngine();
        configureAndAwait(CHECKS_PID, Map.of("polling_interval", 1));
        awaitSettledEngine();
        configureAndAwait(SIMULATOR_PID, Map.of("maps", MAPS, "paths_per_map", PATHS_PER_MAP, "path_groups_per_map", 2,
                "checker", "sim"));
        awaitSimulatedSan(MAPS, PATHS_PER_MAP);
        san = awaitTopology("every simulated path up", t -> t.paths().values().stream()
                .allMatch(p -> p.checkerState() == CheckerState.UP && p.dmState() == DmPathState.ACTIVE));
    }

    @Test
    public void engineTakesTheSimulatorInTheConfiguredShape() {
        assertEquals("simulator", san.source());
        assertEquals(MAPS, san.maps().size());
        assertEquals(MAPS * PATHS_PER_MAP, san.paths().size());
        assertTrue("checkers " + san.checkers(), san.checkers().contains("sim"));
        for (MultipathMap map : san.maps().values()) {
            assertEquals(map.name(), 2, map.groups().size());
            assertEquals(map.name(), PATHS_PER_MAP, map.validPathCount());
            for (Path path : map.paths()) {
                assertEquals(path.name(), "sim", path.checker());
                assertEquals(path.name(), map.wwid(), path.mapWwid());
            }
        }
    }

    @Test
    public void failureAndRestoreReachAListenerInOrder() throws Exception {
        MultipathMap map = san.maps().values().iterator().next();
        Path victim = map.groups().get(0).paths().get(0);
        RecordingListener listener = new RecordingListener();
        ServiceRegistration<TopologyListener> registration = register(listener);
        try {
            Await.until("the listener's first call", () -> !listener.calls().isEmpty());
            assertTrue("the first call carries no events", listener.calls().get(0).events().isEmpty());
            SanSimulator simulator = service(SanSimulator.class);

            simulator.failPath(victim.name());
            Await.until("PathFailed and the checker's DOWN for " + victim.name(), Await.DEFAULT,
                    () -> !listener.events(PathFailed.class, e -> e.path().name().equals(victim.name())).isEmpty()
                            && !checkerChanges(listener, victim, CheckerState.DOWN).isEmpty(),
                    () -> listener.events().toString());

            PathDmStateChanged dmFailed = single(listener.events(PathDmStateChanged.class,
                    e -> e.path().name().equals(victim.name())));
            assertEquals(DmPathState.ACTIVE, dmFailed.previous());
            assertEquals(DmPathState.FAILED, dmFailed.path().dmState());
            PathFailed failed = single(listener.events(PathFailed.class, e -> e.path().name().equals(victim.name())));
            assertEquals("valid paths after the failure", PATHS_PER_MAP - 1, failed.validPaths());
            assertTrue("PathFailed after PathDmStateChanged", failed.sequence() > dmFailed.sequence());
            MapChanged mapChanged = listener.events(MapChanged.class,
                    e -> e.mapWwid().equals(map.wwid()) && e.sequence() > failed.sequence()).get(0);
            assertEquals(PATHS_PER_MAP, mapChanged.before().validPathCount());
            assertEquals(PATHS_PER_MAP - 1, mapChanged.after().validPathCount());
            PathCheckerStateChanged down = single(checkerChanges(listener, victim, CheckerState.DOWN));
            assertEquals(CheckerState.UP, down.previous());

            simulator.restorePath(victim.name());
            Await.until("PathReinstated and the checker's UP for " + victim.name(), Await.DEFAULT,
                    () -> !listener.events(PathReinstated.class, e -> e.path().name().equals(victim.name())).isEmpty()
                            && !checkerChanges(listener, victim, CheckerState.UP).isEmpty(),
                    () -> listener.events().toString());
            PathReinstated reinstated = single(listener.events(PathReinstated.class,
                    e -> e.path().name().equals(victim.name())));
            assertEquals("valid paths after the restore", PATHS_PER_MAP, reinstated.validPaths());
            assertTrue("reinstated after the failure", reinstated.sequence() > failed.sequence());

            EventOrder.assertGapFree(listener.events());
            listener.calls().forEach(call -> EventOrder.assertDocumentedOrder(call.events()));
            assertEquals("the other maps are untouched", 1,
                    listener.events(MapChanged.class, e -> true).stream().map(MapChanged::mapWwid).distinct().count());
        } finally {
            registration.unregister();
        }
    }

    private static List<PathCheckerStateChanged> checkerChanges(RecordingListener listener, Path path,
            CheckerState state) {
        return listener.events(PathCheckerStateChanged.class,
                e -> e.path().name().equals(path.name()) && e.path().checkerState() == state);
    }

    private static <T> T single(List<T> events) {
        assertEquals("exactly one such event: " + events, 1, events.size());
        return events.get(0);
    }
}

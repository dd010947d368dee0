package org.mpathbus.core.internal.engine;

import static org.junit.Assert.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.junit.After;
import org.junit.Test;
import org.mpathbus.api.MultipathdState;
import org.mpathbus.api.Topology;
import org.mpathbus.api.control.MultipathdMonitor;
import org.mpathbus.core.internal.checks.CheckSettings;
import org.mpathbus.testing.Await;

/** The engine carries the report of the monitor of the source in use on every snapshot, and only that one. */
public class EngineMultipathdTest {

    private static final MultipathdState BUSY = new MultipathdState(MultipathdState.IDLE, true, false);
    private static final MultipathdState STOPPED = new MultipathdState(MultipathdState.UNRESPONSIVE, false, false);

    private TopologyEngine engine;

    @After
    public void closeEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    private void start() {
        CheckSettings settings = new CheckSettings(Duration.ofMillis(20), Duration.ofMillis(80), Duration.ofSeconds(5),
                "tur", 2);
        engine = new TopologyEngine("simulator", Duration.ofHours(1), settings, Clock.systemUTC(), 100_000);
        engine.addSource(new TopologyEngineTest.FakeSource(Sans.state(2)), "simulator");
    }

    @Test
    public void aReportOfTheSourceInUseMakesANewSnapshotForListeners() throws Exception {
        start();
        FakeMonitor monitor = new FakeMonitor(new MultipathdState(MultipathdState.IDLE, false, false));
        engine.addMultipathdMonitor(monitor, "simulator");
        List<Topology> calls = new CopyOnWriteArrayList<>();
        engine.addListener((topology, events) -> calls.add(topology), "recorder");
        Await.until("the first call", () -> !calls.isEmpty());
        assertEquals(MultipathdState.IDLE, engine.topology().multipathd().state());

        long before = engine.topology().generation();
        monitor.report(BUSY);
        Await.until("the busy report in a snapshot", () -> engine.topology().multipathd().equals(BUSY));
        assertEquals(before + 1, engine.topology().generation());
        Await.until("a listener call with it", () -> calls.get(calls.size() - 1).multipathd().equals(BUSY));
    }

    @Test
    public void anotherSourcesMonitorIsNotShownAndAMonitorThatLeftIsNotReported() throws Exception {
        start();
        FakeMonitor devmapper = new FakeMonitor(STOPPED);
        engine.addMultipathdMonitor(devmapper, "devmapper");
        engine.awaitEngine();
        assertEquals(MultipathdState.NOT_REPORTED, engine.topology().multipathd());

        FakeMonitor simulator = new FakeMonitor(BUSY);
        engine.addMultipathdMonitor(simulator, "simulator");
        assertEquals(BUSY, engine.topology().multipathd());

        engine.removeMultipathdMonitor(simulator);
        assertEquals(MultipathdState.NOT_REPORTED, engine.topology().multipathd());
        assertEquals("its watch is closed", 0, simulator.watchers.size());
        simulator.report(STOPPED);
        engine.awaitEngine();
        assertEquals(MultipathdState.NOT_REPORTED, engine.topology().multipathd());
    }

    private static final class FakeMonitor implements MultipathdMonitor {
        final List<Consumer<MultipathdState>> watchers = new CopyOnWriteArrayList<>();
        private volatile MultipathdState state;

        FakeMonitor(MultipathdState state) {
            this.state = state;
        }

        void report(MultipathdState next) {
            state = next;
            watchers.forEach(watcher -> watcher.accept(next));
        }

        @Override
        public MultipathdState current() {
            return state;
        }

        @Override
        public AutoCloseable watch(Consumer<MultipathdState> onChange) {
            watchers.add(onChange);
            return () -> watchers.remove(onChange);
        }
    }
}

package org.mpathbus.simulator.internal;

import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.After;
import org.junit.Test;
import org.mpathbus.api.MultipathdState;

/** mpath:multipathd hang, busy and answer as show daemon / show status would report them. */
public class SimulatedMultipathdMonitorTest {

    private final SimulatorComponent simulator = new SimulatorComponent(SanShape.of(2, 2, 1));
    private final SimulatedMultipathdMonitor monitor = new SimulatedMultipathdMonitor(simulator);

    @After
    public void stop() {
        simulator.deactivate();
    }

    @Test
    public void eachMoodChangeIsToldOnceWithItsState() throws Exception {
        List<MultipathdState> told = new CopyOnWriteArrayList<>();
        AutoCloseable watch = monitor.watch(told::add);
        assertEquals(new MultipathdState("idle", false, false), monitor.current());

        simulator.hangMultipathd(true);
        simulator.hangMultipathd(true);
        simulator.busyMultipathd(true);
        simulator.hangMultipathd(false);
        assertEquals(List.of(new MultipathdState("unresponsive", false, false), new MultipathdState("idle", true, false),
                new MultipathdState("idle", false, false)), told);

        watch.close();
        simulator.hangMultipathd(true);
        assertEquals("nothing after the watch closed", 3, told.size());
        assertEquals(MultipathdState.UNRESPONSIVE, monitor.current().state());
    }
}

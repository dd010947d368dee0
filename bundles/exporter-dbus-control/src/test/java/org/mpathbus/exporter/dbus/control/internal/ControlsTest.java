package org.mpathbus.exporter.dbus.control.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;

import java.util.Map;

import org.junit.Test;
import org.mpathbus.api.control.MultipathControl;
import org.mpathbus.exporter.dbus.spi.BusError;

public class ControlsTest {

    private final Controls controls = new Controls();
    private final MultipathControl multipathd = new FakeControl();
    private final MultipathControl simulator = new FakeControl();

    @Test
    public void aCallUsesTheControlOfItsSnapshotsSource() throws BusError {
        controls.add(multipathd, Map.of("source.name", "devmapper"));
        controls.add(simulator, Map.of("source.name", "simulator"));
        assertSame(multipathd, controls.forSource("devmapper"));
        assertSame(simulator, controls.forSource("simulator"));
    }

    @Test
    public void ofTwoForOneSourceTheHigherRankedWins() throws BusError {
        MultipathControl better = new FakeControl();
        controls.add(multipathd, Map.of("source.name", "devmapper", "service.ranking", 0));
        controls.add(better, Map.of("source.name", "devmapper", "service.ranking", 10));
        assertSame(better, controls.forSource("devmapper"));
        controls.remove(better);
        assertSame(multipathd, controls.forSource("devmapper"));
    }

    @Test
    public void withoutAControlOfTheSourceTheCallFailsSayingWhatThereIs() {
        BusError none = assertThrows(BusError.class, () -> controls.forSource("devmapper"));
        assertEquals(BusError.FAILED, none.errorName());
        assertEquals("no control for source devmapper: no MultipathControl service is installed", none.getMessage());
        controls.add(simulator, Map.of("source.name", "simulator"));
        controls.add(multipathd, Map.of());
        BusError other = assertThrows(BusError.class, () -> controls.forSource("devmapper"));
        assertEquals("no control for source devmapper: the controls installed act on (no source.name), simulator",
                other.getMessage());
    }

    @Test
    public void theOwnerIsNamedAsPeopleKnowIt() {
        assertEquals("multipathd", Controls.owner("devmapper"));
        assertEquals("the simulator", Controls.owner("simulator"));
        assertEquals("source other", Controls.owner("other"));
    }
}

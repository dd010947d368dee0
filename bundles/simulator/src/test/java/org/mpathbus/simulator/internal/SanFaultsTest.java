package org.mpathbus.simulator.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.junit.After;
import org.junit.Test;
import org.mpathbus.api.DmPathState;
import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.Path;
import org.mpathbus.api.SourceState;
import org.mpathbus.api.spi.SourceListener;

/**
 * Faults of whole SAN components: each fails (or brings back) every path it carries in one change of the
 * SAN, which the source announces as one state, as one dm event of the kernel's.
 */
public class SanFaultsTest {

    private final SimulatorComponent simulator = new SimulatorComponent(SanShape.of(2500, 4, 2));
    private final List<SourceState> announced = new CopyOnWriteArrayList<>();

    {
        simulator.watch(new SourceListener() {
            @Override
            public void stateChanged(SourceState state) {
                announced.add(state);
            }

            @Override
            public void sourceFailed(String message) {
                throw new AssertionError("the simulator failed: " + message);
            }
        });
    }

    @After
    public void stop() {
        simulator.deactivate();
    }

    @Test
    public void aHostPortFailsEveryPathThroughItInOneAnnouncement() {
        assertEquals(5000, simulator.failHost(2));
        assertEquals("one state for the whole burst", 1, announced.size());
        SourceState burst = announced.get(0);
        assertEquals(5000, count(burst, p -> p.scsiAddress().host() == 2 && p.dmState() == DmPathState.FAILED));
        assertEquals(5000, count(burst, p -> p.scsiAddress().host() == 3 && p.dmState() == DmPathState.ACTIVE));
        for (MultipathMap map : burst.maps()) {
            assertEquals(map.name(), 2, map.validPathCount());
        }

        assertEquals(5000, simulator.restoreHost(2));
        assertEquals(2, announced.size());
        assertEquals(10_000, count(announced.get(1), p -> p.dmState() == DmPathState.ACTIVE));
    }

    @Test
    public void aTargetPortFailsItsPathsThroughEveryHost() {
        assertEquals(5000, simulator.failTarget(1));
        SourceState burst = announced.get(0);
        assertEquals(5000, count(burst, p -> p.scsiAddress().target() == 1 && p.dmState() == DmPathState.FAILED));
        assertEquals(2500, count(burst, p -> p.scsiAddress().target() == 1 && p.scsiAddress().host() == 3));
        assertEquals(5000, count(burst, p -> p.scsiAddress().target() == 0 && p.dmState() == DmPathState.ACTIVE));
        // The second group's paths were behind target 1: I/O stays on the first
        assertTrue(burst.maps().stream().allMatch(m -> m.activeGroupIndex() == 1));
    }

    @Test
    public void aFabricFailsTheHostsCabledToIt() {
        assertEquals(5000, simulator.failFabric(1));
        assertEquals(5000, count(announced.get(0), p -> p.scsiAddress().host() == 3
                && p.dmState() == DmPathState.FAILED));
        assertEquals(5000, simulator.restoreFabric(1));
    }

    @Test
    public void aPathStaysFailedWhileAnythingOnItsWayIsDown() {
        String path = pathOn(2, 0);
        simulator.failPath(path);
        simulator.failTarget(0);
        assertEquals("paths failed by the host port beside the target's: target 1 only", 2500,
                simulator.failHost(2));
        assertEquals("the host comes back, target 0 is still down", 2500, simulator.restoreHost(2));
        assertEquals(DmPathState.FAILED, dmState(path));
        assertEquals("target 0 back: all of its paths but the one whose own link is down", 4999,
                simulator.restoreTarget(0));
        assertEquals(DmPathState.FAILED, dmState(path));
        simulator.restorePath(path);
        assertEquals(DmPathState.ACTIVE, dmState(path));
    }

    @Test
    public void aComponentDownTwiceOrUnknownIsRefusedWithTheReason() {
        simulator.failHost(3);
        SimulatedSanTest.expect(IllegalStateException.class, "SCSI host 3 is already down", () -> simulator.failHost(3));
        SimulatedSanTest.expect(IllegalStateException.class, "target port 0 is not down",
                () -> simulator.restoreTarget(0));
        SimulatedSanTest.expect(java.util.NoSuchElementException.class, "no SCSI host 9 in the simulated SAN (hosts 2 to 3)",
                () -> simulator.failHost(9));
        SimulatedSanTest.expect(java.util.NoSuchElementException.class, "fabrics 0 and 1", () -> simulator.failFabric(2));
        assertEquals("only the first failure was announced", 1, announced.size());
    }

    @Test
    public void aControllerFailoverSwapsTheAluaGroupsOfEveryMapAtOnce() {
        assertEquals(2500, simulator.failover());
        assertEquals(1, announced.size());
        for (MultipathMap map : announced.get(0).maps()) {
            assertEquals(map.name(), 10, map.groups().get(0).priority());
            assertEquals(map.name(), 50, map.groups().get(1).priority());
            assertEquals(map.name(), 2, map.activeGroupIndex());
            assertTrue(map.name(), map.groups().get(1).paths().stream().allMatch(p -> p.priority() == 50));
        }
        assertEquals(10_000, count(announced.get(0), p -> p.dmState() == DmPathState.ACTIVE));

        simulator.failover();
        MultipathMap back = announced.get(1).maps().get(0);
        assertEquals(50, back.groups().get(0).priority());
        assertEquals(1, back.activeGroupIndex());
    }

    private String pathOn(int host, int target) {
        return simulator.read().maps().get(0).paths().stream()
                .filter(p -> p.scsiAddress().host() == host && p.scsiAddress().target() == target)
                .findFirst().orElseThrow().name();
    }

    private DmPathState dmState(String path) {
        return simulator.read().maps().stream().flatMap(m -> m.paths().stream())
                .filter(p -> p.name().equals(path)).findFirst().orElseThrow().dmState();
    }

    private static long count(SourceState state, Predicate<Path> condition) {
        return state.maps().stream().flatMap(m -> m.paths().stream()).filter(condition).count();
    }
}

package org.mpathbus.simulator.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.Test;
import org.mpathbus.api.DeviceNumber;
import org.mpathbus.api.DmGroupState;
import org.mpathbus.api.DmPathState;
import org.mpathbus.api.Health;
import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.Path;
import org.mpathbus.api.PathGroup;
import org.mpathbus.api.ScsiAddress;
import org.mpathbus.api.SourceState;

public class SimulatedSanTest {

    private final SimulatedSan san = new SimulatedSan(SanShape.of(4, 4, 2));

    @Test
    public void defaultShapeLooksLikeAnAluaArrayOnTwoHosts() {
        SourceState state = san.state();
        assertEquals(4, state.maps().size());
        assertTrue(state.unmappedPaths().isEmpty());
        MultipathMap mpatha = state.maps().get(0);
        assertEquals("mpatha", mpatha.name());
        assertEquals("dm-0", mpatha.kernelName());
        assertEquals(new DeviceNumber(253, 0), mpatha.deviceNumber());
        assertEquals("1 alua", mpatha.hardwareHandler());
        assertEquals(List.of("queue_if_no_path"), mpatha.features());
        assertEquals(10L << 30, mpatha.sizeBytes());
        assertEquals("LIO-ORG", mpatha.identity().vendor());
        assertEquals(1, mpatha.activeGroupIndex());

        PathGroup first = mpatha.groups().get(0);
        PathGroup second = mpatha.groups().get(1);
        assertEquals(50, first.priority());
        assertEquals(DmGroupState.ACTIVE, first.dmState());
        assertEquals("service-time 0", first.selector());
        assertEquals(10, second.priority());
        assertEquals(DmGroupState.ENABLED, second.dmState());
        // Scan order: host 2 target 0 (sda..sdd), host 2 target 1 (sde..sdh), host 3 target 0 (sdi..)
        assertEquals(List.of("sda", "sdi"), names(first));
        assertEquals(List.of("sde", "sdm"), names(second));

        Path sdi = first.paths().get(1);
        assertEquals(new DeviceNumber(8, 128), sdi.deviceNumber());
        assertEquals(new ScsiAddress(3, 0, 0, 0), sdi.scsiAddress());
        assertEquals(mpatha.wwid(), sdi.wwid());
        assertEquals(mpatha.wwid(), sdi.mapWwid());
        assertEquals(1, sdi.groupIndex());
        assertEquals(DmPathState.ACTIVE, sdi.dmState());
        assertEquals("sim", sdi.checker());
        assertEquals(50, sdi.priority());
        assertEquals("fc", sdi.transport().protocol());
        assertTrue(sdi.transport().hostWwpn().matches("0x[0-9a-f]{16}"));
        assertTrue(sdi.transport().targetWwpn().matches("0x[0-9a-f]{16}"));
        assertEquals(new ScsiAddress(2, 0, 1, 3), state.maps().get(3).groups().get(1).paths().get(0).scsiAddress());
    }

    @Test
    public void wwidsAreNaaStyleUniqueAndStable() {
        Set<String> wwids = new HashSet<>();
        for (int map = 0; map < 10_000; map++) {
            String wwid = SanLayout.wwid(map);
            assertTrue(wwid, wwid.matches("36001405[0-9a-f]{25}"));
            assertTrue("duplicate " + wwid, wwids.add(wwid));
        }
        assertEquals(SanLayout.wwid(42), new SimulatedSan(SanShape.of(50, 2, 1)).state().maps().get(42).wwid());
    }

    @Test
    public void withoutUserFriendlyNamesMapsAreNamedByWwid() {
        SimulatedSan byWwid = new SimulatedSan(SanShape.of(2, 2, 1).withUserFriendlyNames(false));
        MultipathMap map = byWwid.state().maps().get(1);
        assertEquals(map.wwid(), map.name());
    }

    @Test
    public void failingTheLastActivePathOfTheActiveGroupSwitchesGroups() {
        assertTrue(san.failPath("sda"));
        MultipathMap afterOne = mpatha();
        assertEquals(DmPathState.FAILED, path(afterOne, "sda").dmState());
        assertEquals(1, path(afterOne, "sda").failCount());
        assertEquals(1, afterOne.activeGroupIndex());
        assertEquals(Health.DEGRADED, afterOne.health());

        assertTrue(san.failPath("sdi"));
        MultipathMap afterTwo = mpatha();
        assertEquals(2, afterTwo.activeGroupIndex());
        assertEquals(DmGroupState.ENABLED, afterTwo.groups().get(0).dmState());
        assertEquals(DmGroupState.ACTIVE, afterTwo.groups().get(1).dmState());
        assertEquals(2, afterTwo.validPathCount());
        assertTrue(afterTwo.eventNumber() > afterOne.eventNumber());
    }

    @Test
    public void failingAFailedPathChangesNothing() {
        san.failPath("sda");
        MultipathMap failed = mpatha();
        assertFalse(san.failPath("sda"));
        assertSame(failed, mpatha());
        assertEquals(1, path(failed, "sda").failCount());
    }

    @Test
    public void restoreReinstatesAndKeepsTheGroupUnderManualFailback() {
        san.failPath("sda");
        san.failPath("sdi");
        assertTrue(san.restorePath("sda"));
        MultipathMap restored = mpatha();
        assertEquals(DmPathState.ACTIVE, path(restored, "sda").dmState());
        assertEquals("fail count is the kernel's running total", 1, path(restored, "sda").failCount());
        assertEquals(2, restored.activeGroupIndex());
    }

    @Test
    public void immediateFailbackReturnsToTheFirstGroup() {
        SimulatedSan immediate = new SimulatedSan(SanShape.of(1, 4, 2).withFailbackImmediate(true));
        immediate.failPath("sda");
        immediate.failPath("sdc");
        assertEquals(2, immediate.state().maps().get(0).activeGroupIndex());
        immediate.restorePath("sdc");
        assertEquals(1, immediate.state().maps().get(0).activeGroupIndex());
    }

    @Test
    public void withEveryPathFailedNoGroupIsActiveUntilOneComesBack() {
        for (String name : List.of("sda", "sdi", "sde", "sdm")) {
            san.failPath(name);
        }
        MultipathMap dead = mpatha();
        assertEquals(0, dead.activeGroupIndex());
        assertEquals(Health.FAILED, dead.health());
        san.restorePath("sdm");
        assertEquals(2, mpatha().activeGroupIndex());
    }

    @Test
    public void removedPathLeavesItsGroupAndComesBackInIt() {
        assertTrue(san.removePath("sda"));
        MultipathMap without = mpatha();
        assertEquals(3, without.pathCount());
        assertEquals(List.of("sdi"), names(without.groups().get(0)));
        assertTrue(san.addPath("sda"));
        assertEquals(List.of("sda", "sdi"), names(mpatha().groups().get(0)));
        assertEquals(DmPathState.ACTIVE, path(mpatha(), "sda").dmState());
    }

    @Test
    public void aGroupWithoutPathsLeavesTheTableAndTheOthersAreRenumbered() {
        san.removePath("sda");
        san.removePath("sdi");
        MultipathMap map = mpatha();
        assertEquals(1, map.groups().size());
        PathGroup only = map.groups().get(0);
        assertEquals(1, only.index());
        assertEquals(10, only.priority());
        assertEquals(DmGroupState.ACTIVE, only.dmState());
        assertEquals(1, path(map, "sde").groupIndex());

        san.addPath("sdi");
        assertEquals(2, path(mpatha(), "sde").groupIndex());
        assertEquals(1, path(mpatha(), "sdi").groupIndex());
    }

    @Test
    public void removedMapLeavesWithItsPathsAndReturnsWithThem() {
        String wwid = mpatha().wwid();
        assertTrue(san.removeMap("mpatha"));
        assertEquals(3, san.state().maps().size());
        assertFalse(san.state().maps().stream().anyMatch(m -> m.wwid().equals(wwid)));
        assertFalse(san.removeMap(wwid));
        assertTrue(san.addMap(wwid));
        assertEquals(wwid, mpatha().wwid());
        assertEquals(4, mpatha().pathCount());
        assertEquals("a new dm device counts events from 0", 0, mpatha().eventNumber());
    }

    @Test
    public void mapsAreFoundByWwidNameOrDmDevice() {
        assertTrue(san.removeMap("dm-1"));
        assertTrue(san.addMap("/dev/mapper/mpathb"));
        assertTrue(san.removeMap(SanLayout.wwid(1)));
    }

    @Test
    public void actingOnPathsOfARemovedMapIsRefusedWithTheReason() {
        san.removeMap("mpatha");
        expect(IllegalStateException.class, "mpatha", () -> san.failPath("sda"));
        expect(IllegalStateException.class, "add the map first", () -> san.addPath("sda"));
        san.removePath("sda");
        expect(IllegalStateException.class, "removed", () -> san.restorePath("sda"));
    }

    @Test
    public void unknownNamesAreReportedByName() {
        expect(NoSuchElementException.class, "'sdzz'", () -> san.failPath("sdzz"));
        expect(NoSuchElementException.class, "'sdzz'", () -> san.restorePath("sdzz"));
        expect(NoSuchElementException.class, "'sdzz'", () -> san.removePath("sdzz"));
        expect(NoSuchElementException.class, "'sdzz'", () -> san.addPath("sdzz"));
        expect(NoSuchElementException.class, "'sdzz'", () -> san.hangChecks("sdzz", true));
        expect(NoSuchElementException.class, "'mpathq'", () -> san.removeMap("mpathq"));
        expect(NoSuchElementException.class, "'mpathq'", () -> san.addMap("mpathq"));
    }

    @Test
    public void unchangedMapsAndPathsKeepTheirInstances() {
        SourceState before = san.state();
        assertSame("no change, same state", before, san.state());
        san.failPath("sdb");
        SourceState after = san.state();
        MultipathMap mpathbBefore = before.maps().get(1);
        MultipathMap mpathbAfter = after.maps().get(1);
        assertNotSame(mpathbBefore, mpathbAfter);
        assertSame(path(mpathbBefore, "sdj"), path(mpathbAfter, "sdj"));
        assertNotSame(path(mpathbBefore, "sdb"), path(mpathbAfter, "sdb"));
        for (int map : new int[] {0, 2, 3}) {
            assertSame(before.maps().get(map), after.maps().get(map));
        }
    }

    @Test
    public void twentyFiveHundredMapsOfFourPathsAreDistinctDevices() {
        long start = System.nanoTime();
        SimulatedSan big = new SimulatedSan(SanShape.of(2500, 4, 2));
        SourceState state = big.state();
        long built = System.nanoTime();
        long[] faults = new long[401];
        for (int i = 0; i < faults.length; i++) {
            long before = System.nanoTime();
            if (i % 2 == 0) {
                big.failPath("sdaaa");
            } else {
                big.restorePath("sdaaa");
            }
            big.state();
            faults[i] = System.nanoTime() - before;
        }
        java.util.Arrays.sort(faults);
        System.out.printf("simulator: 2,500 x 4 built in %.1f ms; a fault applied and the state rebuilt: median %.1f us,"
                + " p99 %.1f us, max %.1f us (%d faults, the first ones cold)%n", (built - start) / 1e6,
                faults[faults.length / 2] / 1e3, faults[faults.length * 99 / 100] / 1e3, faults[faults.length - 1] / 1e3,
                faults.length);

        List<Path> paths = state.maps().stream().flatMap(m -> m.paths().stream()).collect(Collectors.toList());
        assertEquals(2500, state.maps().size());
        assertEquals(10_000, paths.size());
        assertEquals("401 toggles end failed", DmPathState.FAILED, big.state().maps().stream()
                .flatMap(m -> m.paths().stream()).filter(p -> p.name().equals("sdaaa")).findFirst().orElseThrow().dmState());
        assertEquals(10_000, paths.stream().map(Path::name).distinct().count());
        assertEquals(10_000, paths.stream().map(Path::deviceNumber).distinct().count());
        assertEquals(2500, state.maps().stream().map(MultipathMap::name).distinct().count());
        assertEquals("mpathcrd", state.maps().get(2499).name());
        assertEquals(new DeviceNumber(253, 2499), state.maps().get(2499).deviceNumber());
    }

    private MultipathMap mpatha() {
        return san.state().maps().stream().filter(m -> m.name().equals("mpatha")).findFirst().orElseThrow();
    }

    private static Path path(MultipathMap map, String name) {
        return map.paths().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    private static List<String> names(PathGroup group) {
        return group.paths().stream().map(Path::name).collect(Collectors.toList());
    }

    static void expect(Class<? extends RuntimeException> type, String inMessage, Runnable action) {
        try {
            action.run();
            fail("expected " + type.getSimpleName());
        } catch (RuntimeException e) {
            assertEquals(type, e.getClass());
            assertTrue(e.getMessage(), e.getMessage().contains(inMessage));
        }
    }

}

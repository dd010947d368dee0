package org.mpathbus.devmapper.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertSame;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.mpathbus.api.DeviceNumber;
import org.mpathbus.api.DeviceState;
import org.mpathbus.api.DmGroupState;
import org.mpathbus.api.DmPathState;
import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.Path;
import org.mpathbus.api.SourceState;

public class StateReaderTest {

    static final String TABLE_A = "0 1 alua 2 1 service-time 0 1 2 8:32 1 1 service-time 0 1 2 8:0 1 1";
    static final String STATUS_A = "2 0 1 0 2 1 A 0 1 2 8:32 A 0 0 1 E 0 1 2 8:0 A 0 0 1";
    static final String TABLE_B = "0 1 alua 2 1 service-time 0 1 2 8:48 1 1 service-time 0 1 2 8:16 1 1";
    static final String STATUS_B = "2 0 1 0 2 1 A 0 1 2 8:48 A 0 0 1 E 0 1 2 8:16 A 0 0 1";

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private final FakeDm dm = new FakeDm();
    private SysfsFixture sysfs;
    private StateReader reader;
    private FakeDm.Device mapA;
    private FakeDm.Device mapB;

    @Before
    public void createLab() throws IOException {
        sysfs = new SysfsFixture(folder.getRoot().toPath());
        String[] names = {"sda", "sdb", "sdc", "sdd", "sde"};
        for (int i = 0; i < names.length; i++) {
            int host = i % 2 == 0 ? 0 : 1;
            sysfs.scsiDisk("devices/pseudo_0/adapter" + host + "/host" + host + "/target" + host + ":0:0",
                    host + ":0:0:" + i / 2, names[i], "8:" + i * 16, "naa.3333333000000" + (i / 2), 32768);
            // as multipathd groups them by priority: each map's first group optimized, its second not
            sysfs.alua(names[i], names[i].equals("sdc") || names[i].equals("sdd") ? "active/optimized"
                    : "active/non-optimized", false);
        }
        sysfs.dmDevice("dm-0", "253:0");
        sysfs.dmDevice("dm-1", "253:1");
        reader = new StateReader(new Sysfs(sysfs.root));
        mapA = dm.add("mpatha", "mpath-333333330000000", new DeviceNumber(253, 0), TABLE_A, STATUS_A);
        mapB = dm.add("mpathb", "mpath-333333330000001", new DeviceNumber(253, 1), TABLE_B, STATUS_B);
        dm.add("vg-root", "LVM-abc", new DeviceNumber(253, 2), "", "");
    }

    @Test
    public void readsMapsWithTheirGroupsAndPaths() throws IOException {
        SourceState state = reader.read(dm, true);

        assertEquals(2, state.maps().size());
        MultipathMap a = state.maps().get(0);
        assertEquals("333333330000000", a.wwid());
        assertEquals("mpatha", a.name());
        assertEquals("dm-0", a.kernelName());
        assertEquals(32768L * 512, a.sizeBytes());
        assertEquals("1 alua", a.hardwareHandler());
        assertEquals("service-time 0", a.groups().get(0).selector());
        assertEquals(DmGroupState.ACTIVE, a.groups().get(0).dmState());
        assertEquals("dm's next group", 1, a.nextGroupIndex());
        Path first = a.groups().get(0).paths().get(0);
        assertEquals("sdc", first.name());
        assertEquals(new DeviceNumber(8, 32), first.deviceNumber());
        assertEquals("333333330000000", first.mapWwid());
        assertEquals(1, first.groupIndex());
        assertEquals(DmPathState.ACTIVE, first.dmState());
        assertEquals(50, first.priority());
        assertEquals(50, a.groups().get(0).priority());
        assertEquals(10, a.groups().get(1).paths().get(0).priority());
        assertEquals(10, a.groups().get(1).priority());
        assertEquals("scsi_debug", a.identity().product());
        assertEquals(List.of("sde"), names(state.unmappedPaths()));
    }

    @Test
    public void anUnchangedMapIsNeitherReReadNorRebuilt() throws IOException {
        SourceState before = reader.read(dm, true);
        int statusReads = dm.statusReads.get();

        SourceState after = reader.read(dm, false);

        assertSame(before.maps().get(0), after.maps().get(0));
        assertSame(before.maps().get(1), after.maps().get(1));
        assertEquals(statusReads, dm.statusReads.get());
    }

    @Test
    public void aDeviceStateChangeWithoutADmEventGivesANewStateReusingWhatDidNotChange() throws IOException {
        SourceState before = reader.read(dm, true);
        int tableReads = dm.tableReads.get();
        int statusReads = dm.statusReads.get();
        sysfs.write("block/sdc/device/state", "offline\n");

        SourceState after = reader.readPathStates().orElseThrow(() -> new AssertionError("no new state"));

        MultipathMap a = after.maps().get(0);
        assertEquals(DeviceState.OFFLINE, a.groups().get(0).paths().get(0).deviceState());
        assertSame("the untouched group", before.maps().get(0).groups().get(1), a.groups().get(1));
        assertSame("the untouched map", before.maps().get(1), after.maps().get(1));
        assertSame("the unmapped path", before.unmappedPaths().get(0), after.unmappedPaths().get(0));
        assertEquals("no ioctl", tableReads + statusReads, dm.tableReads.get() + dm.statusReads.get());
        assertEquals("nothing changed since", Optional.empty(), reader.readPathStates());

        sysfs.write("block/sdc/device/state", "running\n");
        SourceState restored = reader.readPathStates().orElseThrow(() -> new AssertionError("no new state"));
        assertEquals(DeviceState.RUNNING, restored.maps().get(0).groups().get(0).paths().get(0).deviceState());
        assertSame("a later dm read keeps the refreshed map", restored.maps().get(0), reader.read(dm, false).maps().get(0));
    }

    @Test
    public void anAluaTransitionWithoutADmEventChangesThePathsAndTheGroupsPriority() throws IOException {
        SourceState before = reader.read(dm, true);
        int ioctls = dm.tableReads.get() + dm.statusReads.get();
        sysfs.alua("sdc", "standby", false);

        SourceState after = reader.readPathStates().orElseThrow(() -> new AssertionError("no new state"));

        MultipathMap a = after.maps().get(0);
        assertEquals(1, a.groups().get(0).paths().get(0).priority());
        assertEquals(1, a.groups().get(0).priority());
        assertSame("the untouched group", before.maps().get(0).groups().get(1), a.groups().get(1));
        assertSame("the untouched map", before.maps().get(1), after.maps().get(1));
        assertEquals("no ioctl", ioctls, dm.tableReads.get() + dm.statusReads.get());
        assertEquals("nothing changed since", Optional.empty(), reader.readPathStates());

        sysfs.alua("sdc", "active/non-optimized", true);
        assertEquals("preferred", 90, reader.readPathStates().orElseThrow().maps().get(0).groups().get(0).priority());
    }

    @Test
    public void aGroupWhosePathTheKernelFailedHasPriorityZeroAndItsPathKeepsItsOwn() throws IOException {
        reader.read(dm, true);
        mapA.status = "2 0 1 0 2 2 E 0 1 2 8:32 F 1 0 1 A 0 1 2 8:0 A 0 0 1";
        dm.event(mapA);

        MultipathMap a = reader.read(dm, false).maps().get(0);

        assertEquals(0, a.groups().get(0).priority());
        assertEquals("dm's next group, read from the status", 2, a.nextGroupIndex());
        assertEquals(50, a.groups().get(0).paths().get(0).priority());
        assertEquals(10, a.groups().get(1).priority());
    }

    @Test
    public void withoutAnAluaStateInSysfsPrioritiesAreUnknown() throws IOException {
        sysfs.delete("block/sdc/device/access_state");

        MultipathMap a = reader.read(dm, true).maps().get(0);

        assertEquals(-1, a.groups().get(0).paths().get(0).priority());
        assertEquals(-1, a.groups().get(0).priority());
        assertEquals(10, a.groups().get(1).priority());
    }

    @Test
    public void anUnmappedPathsDeviceStateIsFollowedToo() throws IOException {
        SourceState before = reader.read(dm, true);
        sysfs.write("block/sde/device/state", "blocked\n");

        SourceState after = reader.readPathStates().orElseThrow(() -> new AssertionError("no new state"));

        assertEquals(DeviceState.BLOCKED, after.unmappedPaths().get(0).deviceState());
        assertSame(before.maps().get(0), after.maps().get(0));
        assertSame(before.maps().get(1), after.maps().get(1));
    }

    @Test
    public void aPathDeletedFromSysfsWhileItsTableHoldsItKeepsItsName() throws IOException {
        reader.read(dm, true);
        sysfs.delete("dev/block/8:32");
        sysfs.delete("block/sdc");
        mapA.status = "2 0 1 0 2 2 E 0 1 2 8:32 F 1 0 1 A 0 1 2 8:0 A 0 0 1";
        dm.event(mapA);

        Path deleted = reader.read(dm, false).maps().get(0).groups().get(0).paths().get(0);

        assertEquals("the name it had, as multipathd keeps it", "sdc", deleted.name());
        assertEquals(new DeviceNumber(8, 32), deleted.deviceNumber());
        assertEquals(DmPathState.FAILED, deleted.dmState());
    }

    @Test
    public void onlyTheMapWhoseEventNumberChangedIsReRead() throws IOException {
        SourceState before = reader.read(dm, true);
        int statusReads = dm.statusReads.get();
        mapA.status = "2 0 1 0 2 2 E 0 1 2 8:32 F 1 0 1 A 0 1 2 8:0 A 0 0 1";
        dm.event(mapA);

        SourceState after = reader.read(dm, false);

        assertEquals(statusReads + 1, dm.statusReads.get());
        assertSame(before.maps().get(1), after.maps().get(1));
        Path failed = after.maps().get(0).groups().get(0).paths().get(0);
        assertEquals(DmPathState.FAILED, failed.dmState());
        assertEquals(1, failed.failCount());
        assertEquals(1, after.maps().get(0).validPathCount());
    }

    @Test
    public void aReloadWithoutAnEventIsSeenInTheTable() throws IOException {
        reader.read(dm, true);
        mapB.table = "0 1 alua 1 1 service-time 0 1 2 8:48 1 1";
        mapB.status = "2 0 1 0 1 1 A 0 1 2 8:48 A 0 0 1";

        SourceState after = reader.read(dm, false);

        assertEquals(1, after.maps().get(1).pathCount());
        assertEquals(List.of("sdb", "sde"), names(after.unmappedPaths()));
    }

    @Test
    public void aFullReadRebuildsButKeepsEqualInstances() throws IOException {
        SourceState before = reader.read(dm, true);
        int statusReads = dm.statusReads.get();

        SourceState after = reader.read(dm, true);

        assertEquals(statusReads + 2, dm.statusReads.get());
        assertSame(before.maps().get(0), after.maps().get(0));
    }

    @Test
    public void aMapThatVanishesWhileReadIsSkipped() throws IOException {
        mapA.vanishOnRead = true;

        SourceState state = reader.read(dm, true);

        assertEquals(List.of("mpathb"), state.maps().stream().map(MultipathMap::name).toList());
    }

    @Test
    public void aNonMultipathUuidIsNeverRead() throws IOException {
        reader.read(dm, true);
        assertEquals(2, dm.tableReads.get());
    }

    @Test
    public void anUnparsableStatusKeepsTheLastGoodMap() throws IOException {
        SourceState before = reader.read(dm, true);
        mapA.status = "2 0 1 0 2 1 A 0 1 2 8:32 A zero 0 1 E 0 1 2 8:0 A 0 0 1";
        dm.event(mapA);

        SourceState after = reader.read(dm, false);

        assertSame(before.maps().get(0), after.maps().get(0));
    }

    @Test
    public void aRemovedMapDisappearsAndItsPathsBecomeUnmapped() throws IOException {
        reader.read(dm, true);
        dm.devices.remove(mapA.number);

        SourceState after = reader.read(dm, false);

        assertEquals(1, after.maps().size());
        assertEquals(List.of("sda", "sdc", "sde"), names(after.unmappedPaths()));
    }

    private static List<String> names(List<Path> paths) {
        return paths.stream().map(Path::name).toList();
    }
}

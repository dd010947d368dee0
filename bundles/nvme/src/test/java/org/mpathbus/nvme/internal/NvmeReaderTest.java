package org.mpathbus.nvme.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.mpathbus.api.AnaState;
import org.mpathbus.api.DeviceNumber;
import org.mpathbus.api.DmGroupState;
import org.mpathbus.api.DmPathState;
import org.mpathbus.api.MapKind;
import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.NvmeController;
import org.mpathbus.api.NvmeSubsystem;
import org.mpathbus.api.Path;
import org.mpathbus.api.SourceState;

public class NvmeReaderTest {

    private static final String NQN = "nqn.2026-12.org.mpathbus:lab";
    private static final String WWID = "uuid.5a4e4a30-0b7e-4b5b-9d3c-1f2e3d4c5b6a";

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private FakeNvmeSysfs sysfs;

    @Before
    public void twoPortsOneNamespace() throws Exception {
        sysfs = new FakeNvmeSysfs(folder.getRoot().toPath());
        sysfs.subsystem("nvme-subsys0", NQN, "numa");
        sysfs.head("nvme-subsys0", "nvme0n1", "259:2", 524288000, WWID);
        sysfs.controller("nvme-subsys0", "nvme0", "tcp", "traddr=127.0.0.1,trsvcid=4420,src_addr=127.0.0.1", "live");
        sysfs.controller("nvme-subsys0", "nvme1", "tcp", "traddr=127.0.0.1,trsvcid=4421,src_addr=127.0.0.1", "live");
        sysfs.path("nvme0", "nvme0c0n1", "optimized", 2);
        sysfs.path("nvme1", "nvme0c1n1", "non-optimized", 2);
    }

    private MultipathMap onlyMap() {
        SourceState state = new NvmeReader(sysfs.root).read();
        assertEquals(1, state.maps().size());
        assertEquals(List.of(), state.unmappedPaths());
        return state.maps().get(0);
    }

    @Test
    public void aSharedNamespaceIsOneMapWithAPathPerController() {
        MultipathMap map = onlyMap();
        assertEquals(WWID, map.wwid());
        assertEquals("nvme0n1", map.name());
        assertEquals("nvme0n1", map.kernelName());
        assertEquals(new DeviceNumber(259, 2), map.deviceNumber());
        assertEquals("/dev/nvme0n1", map.devicePath());
        assertEquals(524288000L * 512, map.sizeBytes());
        assertEquals(MapKind.NVME, map.kind());
        assertEquals(new NvmeSubsystem("nvme-subsys0", NQN, "numa"), map.subsystem());
        assertEquals("Linux", map.identity().product());
        assertEquals("6.1.0-57", map.identity().revision());
        assertEquals(2, map.pathCount());
        assertEquals(2, map.validPathCount());

        Path first = map.groups().get(0).paths().get(0);
        assertEquals("nvme0c0n1", first.name());
        // hidden path disks have no device number
        assertEquals(new DeviceNumber(0, 0), first.deviceNumber());
        assertEquals(WWID, first.mapWwid());
        assertEquals(1, first.groupIndex());
        assertEquals(AnaState.OPTIMIZED, first.anaState());
        assertEquals(2, first.anaGroup());
        assertEquals(new NvmeController("nvme0", "tcp", "traddr=127.0.0.1,trsvcid=4420,src_addr=127.0.0.1", "live"),
                first.controller());
        assertEquals("nvme", first.transport().protocol());
        assertEquals(DmPathState.ACTIVE, first.dmState());
        assertEquals(50, first.priority());
        assertEquals(NvmeReader.CHECKER, first.checker());

        Path second = map.groups().get(1).paths().get(0);
        assertEquals("nvme0c1n1", second.name());
        assertEquals(2, second.groupIndex());
        assertEquals(AnaState.NON_OPTIMIZED, second.anaState());
        assertEquals("nvme1", second.controller().name());
        assertEquals(10, second.priority());
        assertEquals(10, map.groups().get(1).priority());
    }

    @Test
    public void anInaccessiblePathIsOneTheKernelDoesNotUse() throws Exception {
        sysfs.anaState("nvme0", "nvme0c0n1", "inaccessible");
        MultipathMap map = onlyMap();
        Path path = map.groups().get(0).paths().get(0);
        assertEquals(AnaState.INACCESSIBLE, path.anaState());
        assertEquals(DmPathState.FAILED, path.dmState());
        assertEquals(1, path.priority());
        assertEquals(DmGroupState.DISABLED, map.groups().get(0).dmState());
        assertEquals(1, map.validPathCount());
    }

    @Test
    public void aPathWhoseControllerIsReconnectingIsFailedWhateverItsAnaState() throws Exception {
        sysfs.controllerState("nvme1", "connecting");
        Path path = onlyMap().groups().get(1).paths().get(0);
        assertEquals("connecting", path.controller().state());
        assertEquals(AnaState.NON_OPTIMIZED, path.anaState());
        assertEquals(DmPathState.FAILED, path.dmState());
    }

    @Test
    public void aDeletedControllerTakesItsPathWith() throws Exception {
        sysfs.removeController("nvme-subsys0", "nvme1");
        MultipathMap map = onlyMap();
        assertEquals(1, map.pathCount());
        assertEquals("nvme0c0n1", map.paths().get(0).name());
    }

    @Test
    public void withoutAWwidAttributeTheWwidIsTheKernelsFromUuidElseNguid() throws Exception {
        sysfs.subsystem("nvme-subsys1", "nqn.other", "round-robin");
        sysfs.head("nvme-subsys1", "nvme1n1", "259:5", 8, null);
        sysfs.identifiers("nvme-subsys1", "nvme1n1", null, "6E1D2C3B-4A59-6877-8695-A4B3C2D1E0F9");
        sysfs.head("nvme-subsys1", "nvme1n2", "259:6", 8, null);
        sysfs.identifiers("nvme-subsys1", "nvme1n2", "11111111-2222-3333-4444-555555555555",
                "6e1d2c3b-4a59-6877-8695-a4b3c2d1e0f9");
        List<MultipathMap> maps = new NvmeReader(sysfs.root).read().maps();
        assertEquals(3, maps.size());
        assertEquals("eui.6e1d2c3b4a5968778695a4b3c2d1e0f9", maps.get(1).wwid());
        assertEquals("uuid.11111111-2222-3333-4444-555555555555", maps.get(2).wwid());
        assertEquals("round-robin", maps.get(1).subsystem().iopolicy());
        assertEquals(0, maps.get(1).pathCount());
    }

    @Test
    public void withoutNvmeCoreThereIsNothingToRead() throws Exception {
        java.nio.file.Path empty = folder.newFolder("empty").toPath();
        NvmeReader reader = new NvmeReader(empty);
        assertFalse(reader.present());
        assertEquals(SourceState.EMPTY, reader.read());
        assertTrue(new NvmeReader(sysfs.root).present());
    }

    @Test
    public void anOverlongAttributeIsReadOnlyAsFarAsOnePage() throws Exception {
        java.nio.file.Path file = folder.newFile("long").toPath();
        java.nio.file.Files.writeString(file, "x".repeat(3 * SysfsAttributes.MAX_ATTRIBUTE));
        assertEquals(SysfsAttributes.MAX_ATTRIBUTE, SysfsAttributes.read(file).length());
    }
}

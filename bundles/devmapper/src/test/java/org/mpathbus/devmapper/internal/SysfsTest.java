package org.mpathbus.devmapper.internal;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.mpathbus.api.DeviceIdentity;
import org.mpathbus.api.DeviceNumber;
import org.mpathbus.api.DeviceState;
import org.mpathbus.api.Path;
import org.mpathbus.api.ScsiAddress;
import org.mpathbus.api.TransportInfo;

public class SysfsTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private SysfsFixture fixture;
    private Sysfs sysfs;

    @Before
    public void createTree() throws IOException {
        fixture = new SysfsFixture(folder.getRoot().toPath());
        sysfs = new Sysfs(fixture.root);
        // scsi_debug as in the lab: no transport class
        fixture.scsiDisk("devices/pseudo_0/adapter0/host2/target2:0:0", "2:0:0:1", "sdb", "8:16",
                "naa.33333330000007d1", 32768);
        // an FC disk behind a PCI HBA
        fixture.scsiDisk("devices/pci0000:00/0000:00:03.0/0000:3b:00.0/host5/rport-5:0-1/target5:0:3",
                "5:0:3:7", "sdc", "8:32", "naa.600a098038303053", 2048);
        fixture.write("class/fc_host/host5/node_name", "0x20000090fa1b2c3d\n");
        fixture.write("class/fc_host/host5/port_name", "0x10000090fa1b2c3d\n");
        fixture.write("class/fc_transport/target5:0:3/node_name", "0x500a098088776655\n");
        fixture.write("class/fc_transport/target5:0:3/port_name", "0x500a098198776655\n");
        fixture.dmDevice("dm-3", "253:3");
    }

    @Test
    public void readsAScsiDebugPath() {
        Path path = sysfs.path("sdb", new DeviceNumber(8, 16));

        assertEquals(DeviceState.RUNNING, path.deviceState());
        assertEquals(new DeviceIdentity("Linux", "scsi_debug", "0191"), path.identity());
        assertEquals(new ScsiAddress(2, 0, 0, 1), path.scsiAddress());
        assertEquals("333333330000007d1", path.wwid());
        assertEquals(32768L * 512, path.sizeBytes());
        assertEquals(new TransportInfo("scsi", "", "", "", "", ""), path.transport());
    }

    @Test
    public void theWwidIsUdevsIdSerialAsMultipathToolsReadsItElseSysfss() throws IOException {
        java.nio.file.Path udev = folder.newFolder("udev-data").toPath();
        fixture.write(udev.resolve("b8:16"), "S:disk/by-id/scsi-1Linux_scsi_debug_2001\nE:ID_VENDOR=Linux\n"
                + "E:ID_SERIAL=1Linux_scsi_debug_2001\nE:ID_SERIAL_SHORT=2001\n");
        Sysfs withUdev = new Sysfs(fixture.root, udev);

        assertEquals("1Linux_scsi_debug_2001", withUdev.path("sdb", new DeviceNumber(8, 16)).wwid());
        assertEquals("no udev record: sysfs's designator", "3600a098038303053",
                withUdev.path("sdc", new DeviceNumber(8, 32)).wwid());
    }

    /** multipathd's sysfs_get_timeout: a check without checker_timeout lasts as long as the SCSI command timeout. */
    @Test
    public void aPathCarriesItsDevicesOwnCommandTimeoutOrZero() throws IOException {
        assertEquals(java.time.Duration.ZERO, sysfs.path("sdb", new DeviceNumber(8, 16)).deviceTimeout());
        fixture.write("block/sdb/device/timeout", "45\n");
        assertEquals(java.time.Duration.ofSeconds(45), sysfs.path("sdb", new DeviceNumber(8, 16)).deviceTimeout());
        fixture.write("block/sdb/device/timeout", "-3\n");
        assertEquals(java.time.Duration.ZERO, sysfs.path("sdb", new DeviceNumber(8, 16)).deviceTimeout());
    }

    @Test
    public void readsFibreChannelNamesAndTheHostAdapter() {
        Path path = sysfs.path("sdc", new DeviceNumber(8, 32));

        assertEquals(new TransportInfo("fc", "0x20000090fa1b2c3d", "0x10000090fa1b2c3d", "0x500a098088776655",
                "0x500a098198776655", "0000:3b:00.0"), path.transport());
        assertEquals(new ScsiAddress(5, 0, 3, 7), path.scsiAddress());
    }

    @Test
    public void findsKernelNamesFromDeviceNumbers() {
        assertEquals(Optional.of("sdb"), sysfs.blockName(new DeviceNumber(8, 16)));
        assertEquals("dm-3", sysfs.mapKernelName(new DeviceNumber(253, 3)));
        assertEquals(Optional.empty(), sysfs.blockName(new DeviceNumber(8, 99)));
        assertEquals(Optional.of(new DeviceNumber(8, 32)), sysfs.deviceNumber("sdc"));
    }

    @Test
    public void listsOnlyDisksAsCandidatePaths() {
        assertEquals(List.of("sdb", "sdc"), sysfs.candidatePathNames());
    }

    @Test
    public void aPathWhoseAttributesVanishedKeepsNeutralValues() throws IOException {
        fixture.delete("devices/pseudo_0/adapter0/host2/target2:0:0/2:0:0:1/state");
        fixture.delete("devices/pseudo_0/adapter0/host2/target2:0:0/2:0:0:1/vendor");

        Path path = sysfs.path("sdb", new DeviceNumber(8, 16));

        assertEquals(DeviceState.UNKNOWN, path.deviceState());
        assertEquals("", path.identity().vendor());
        assertEquals("scsi_debug", path.identity().product());
    }

    @Test
    public void anOfflineDeviceReadsOffline() throws IOException {
        fixture.write("devices/pseudo_0/adapter0/host2/target2:0:0/2:0:0:1/state", "offline\n");
        assertEquals(DeviceState.OFFLINE, sysfs.path("sdb", new DeviceNumber(8, 16)).deviceState());
    }

    @Test
    public void thePriorityComesFromTheAluaStateTheKernelShows() throws IOException {
        assertEquals("no device handler: no access_state", -1, sysfs.path("sdb", new DeviceNumber(8, 16)).priority());

        fixture.alua("sdb", "active/optimized", false);
        assertEquals(50, sysfs.path("sdb", new DeviceNumber(8, 16)).priority());
        fixture.alua("sdb", "active/non-optimized", true);
        assertEquals(90, sysfs.priority("sdb"));
        fixture.alua("sdb", "standby", false);
        assertEquals(1, sysfs.priority("sdb"));
        fixture.delete("block/sdb/device/preferred_path");
        fixture.write("block/sdb/device/access_state", "active/non-optimized\n");
        assertEquals("no preferred_path: not preferred", 10, sysfs.priority("sdb"));
        fixture.write("block/sdb/device/preferred_path", "yes\n");
        assertEquals("an unreadable preferred_path: not preferred", 10, sysfs.priority("sdb"));
        assertEquals("no such disk", -1, sysfs.priority("sdz"));
    }

    @Test
    public void theRefreshReadsPreferredPathOnlyWhenTheAccessStatesPriorityChanged() throws IOException {
        fixture.alua("sdb", "active/non-optimized", true);
        assertEquals("same state: the previous priority stands", 10, sysfs.refreshedPriority("sdb", 10));
        assertEquals(90, sysfs.refreshedPriority("sdb", 90));
        fixture.alua("sdb", "standby", true);
        assertEquals("a transition reads the preferred bit too", 81, sysfs.refreshedPriority("sdb", 90));
        fixture.delete("block/sdb/device/access_state");
        assertEquals("the handler's state gone", -1, sysfs.refreshedPriority("sdb", 81));
        fixture.alua("sdb", "standby", false);
        assertEquals("no ALUA state before: none until the map is read again", -1, sysfs.refreshedPriority("sdb", -1));
    }

    @Test
    public void convertsVpdDesignatorsAsMultipathToolsDoes() {
        assertEquals("36001405abc", Sysfs.scsiWwid("naa.6001405ABC"));
        assertEquals("20025385b71c0a3e", Sysfs.scsiWwid("eui.0025385B71C0A3E"));
        assertEquals("something-else", Sysfs.scsiWwid("something-else "));
    }
}

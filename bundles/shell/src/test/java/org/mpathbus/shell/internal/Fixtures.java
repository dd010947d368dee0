package org.mpathbus.shell.internal;

import java.time.Instant;
import java.util.List;

import org.mpathbus.api.CheckerState;
import org.mpathbus.api.DeviceIdentity;
import org.mpathbus.api.DeviceNumber;
import org.mpathbus.api.DeviceState;
import org.mpathbus.api.DmGroupState;
import org.mpathbus.api.DmPathState;
import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.Path;
import org.mpathbus.api.PathGroup;
import org.mpathbus.api.ScsiAddress;
import org.mpathbus.api.Topology;
import org.mpathbus.api.TransportInfo;

/** Hand-built topologies: an FC map with a failed path, a map named by its WWID, and a path in no map. */
final class Fixtures {

    static final String WWID_A = "36001405a6d4e1c0d2b04b1cb9b0f6a5d";
    static final String WWID_B = "3600a098038303053453f463045727a41";
    static final DeviceIdentity LIO = new DeviceIdentity("LIO-ORG", "disk01", "4.0");
    static final TransportInfo FC = new TransportInfo("fc", "0x20000090fa000000", "0x10000090fa000000",
            "0x5001405c0ffee000", "0x5001405c0ffe0100", "0000:3b:00.0");

    private Fixtures() {
    }

    static Path path(String name, int major, int minor, String wwid, int group, DmPathState dm, CheckerState checker,
            String message, String hbtl, int priority) {
        return Path.builder(name, new DeviceNumber(major, minor)).wwid(wwid).map(wwid, group).dmState(dm)
                .failCount(dm == DmPathState.FAILED ? 1 : 0).deviceState(DeviceState.RUNNING).checker("tur")
                .checkerState(checker).checkerMessage(message).priority(priority).scsiAddress(ScsiAddress.parse(hbtl))
                .transport(FC).identity(LIO).sizeBytes(16L << 20).build();
    }

    /** mpatha: group 1 (sdb active, sdd failed) active, group 2 (sdc) enabled. */
    static MultipathMap mpatha() {
        Path sdb = path("sdb", 8, 16, WWID_A, 1, DmPathState.ACTIVE, CheckerState.UP, "tur checker reports path is up",
                "2:0:0:1", 50);
        Path sdd = path("sdd", 8, 48, WWID_A, 1, DmPathState.FAILED, CheckerState.DOWN, "tur: \"not ready\"",
                "3:0:0:1", 50);
        Path sdc = path("sdc", 8, 32, WWID_A, 2, DmPathState.ACTIVE, CheckerState.GHOST, "", "2:0:1:1", 10);
        return MultipathMap.builder(WWID_A, "mpatha", new DeviceNumber(253, 0)).kernelName("dm-0")
                .sizeBytes(16L << 20).identity(LIO).features(List.of("queue_if_no_path")).hardwareHandler("1 alua")
                .groups(List.of(PathGroup.of(1, 50, "service-time 0", DmGroupState.ACTIVE, List.of(sdb, sdd)),
                        PathGroup.of(2, 10, "service-time 0", DmGroupState.ENABLED, List.of(sdc))))
                .eventNumber(7).build();
    }

    /** A map without a user-friendly name, one path reached without SCSI transport details. */
    static MultipathMap byWwid() {
        Path sdaa = Path.builder("sdaa", new DeviceNumber(65, 160)).wwid(WWID_B).map(WWID_B, 1)
                .dmState(DmPathState.ACTIVE).deviceState(DeviceState.RUNNING).checker("directio")
                .checkerState(CheckerState.UNCHECKED).priority(1).scsiAddress(ScsiAddress.parse("4:0:0:10"))
                .sizeBytes(3L << 40).build();
        return MultipathMap.builder(WWID_B, WWID_B, new DeviceNumber(253, 12)).kernelName("dm-12")
                .sizeBytes(3L << 40).identity(new DeviceIdentity("NETAPP", "LUN C-Mode", "9800"))
                .hardwareHandler("alua").writeProtected(true)
                .groups(List.of(PathGroup.of(1, 1, "round-robin 0", DmGroupState.ACTIVE, List.of(sdaa)))).build();
    }

    static Path orphan() {
        return Path.builder("sde", new DeviceNumber(8, 64)).wwid("SATA_disk_1").deviceState(DeviceState.RUNNING)
                .checker("tur").checkerState(CheckerState.UP).scsiAddress(ScsiAddress.parse("0:0:0:0")).build();
    }

    static Topology topology() {
        return Topology.of(3, Instant.parse("2026-11-24T07:00:00Z"), "simulator", List.of(mpatha(), byWwid()),
                List.of(orphan()), List.of("tur", "sim"));
    }
}

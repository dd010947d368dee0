package org.mpathbus.nvme.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mpathbus.api.AnaState;
import org.mpathbus.api.DeviceIdentity;
import org.mpathbus.api.DeviceNumber;
import org.mpathbus.api.DmGroupState;
import org.mpathbus.api.DmPathState;
import org.mpathbus.api.Labeled;
import org.mpathbus.api.MapKind;
import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.NvmeController;
import org.mpathbus.api.NvmeSubsystem;
import org.mpathbus.api.PathGroup;
import org.mpathbus.api.SourceState;
import org.mpathbus.api.TransportInfo;

/**
 * Reads NVMe native multipath from sysfs: each subsystem of /sys/class/nvme-subsystem, each of its shared
 * namespaces (the head disk nvmeXnY) as a map, and each controller's path to it (nvmeXcCnY, in the
 * controller's folder) as a path of its own group, as multipath-tools' nvme library groups them. What vanishes
 * while it is read is left out; the next read sees the rest.
 */
final class NvmeReader {

    private static final Pattern SUBSYSTEM = Pattern.compile("nvme-subsys\\d+");
    private static final Pattern HEAD = Pattern.compile("nvme(\\d+)n(\\d+)");
    private static final Pattern CONTROLLER = Pattern.compile("nvme\\d+");
    private static final Pattern PATH = Pattern.compile("nvme(\\d+)c\\d+n(\\d+)");
    private static final long SECTOR = 512;
    private static final DeviceNumber NO_DEVICE = new DeviceNumber(0, 0);
    /** The kernel checks its controllers itself (keep-alive); no checker of ours applies. */
    static final String CHECKER = "none";

    private final Path subsystems;

    NvmeReader(Path sysfsRoot) {
        this.subsystems = sysfsRoot.resolve("class/nvme-subsystem");
    }

    /** Whether the kernel has NVMe multipath at all (nvme_core loaded). */
    boolean present() {
        return Files.isDirectory(subsystems);
    }

    SourceState read() {
        List<MultipathMap> maps = new ArrayList<>();
        for (String subsystemName : SysfsAttributes.names(subsystems, SUBSYSTEM)) {
            Path folder = subsystems.resolve(subsystemName);
            NvmeSubsystem subsystem = new NvmeSubsystem(subsystemName, attribute(folder, "subsysnqn"),
                    attribute(folder, "iopolicy"));
            DeviceIdentity identity = new DeviceIdentity("NVMe", attribute(folder, "model"),
                    attribute(folder, "firmware_rev"));
            List<String> controllers = SysfsAttributes.names(folder, CONTROLLER);
            for (String head : SysfsAttributes.names(folder, HEAD)) {
                MultipathMap map = readHead(folder.resolve(head), head, subsystem, identity, controllers);
                if (map != null) {
                    maps.add(map);
                }
            }
        }
        return SourceState.of(maps, List.of());
    }

    private MultipathMap readHead(Path folder, String head, NvmeSubsystem subsystem, DeviceIdentity identity,
            List<String> controllers) {
        DeviceNumber device = deviceNumber(folder);
        if (device == null) {
            return null;
        }
        String wwid = wwid(folder);
        long size = number(attribute(folder, "size")) * SECTOR;
        Matcher headName = HEAD.matcher(head);
        if (!headName.matches()) {
            return null;
        }
        List<PathGroup> groups = new ArrayList<>();
        for (String controller : controllers) {
            Path controllerFolder = subsystems.resolve(subsystem.name()).resolve(controller);
            for (String pathName : SysfsAttributes.names(controllerFolder, PATH)) {
                Matcher m = PATH.matcher(pathName);
                if (m.matches() && m.group(1).equals(headName.group(1)) && m.group(2).equals(headName.group(2))) {
                    PathGroup group = readPath(controllerFolder, controller, pathName, wwid, groups.size() + 1, size);
                    if (group != null) {
                        groups.add(group);
                    }
                }
            }
        }
        return MultipathMap.builder(wwid, head, device)
                .kernelName(head)
                .sizeBytes(size)
                .identity(identity)
                .kind(MapKind.NVME)
                .subsystem(subsystem)
                .groups(groups)
                .build();
    }

    private PathGroup readPath(Path controllerFolder, String controller, String name, String mapWwid, int index,
            long size) {
        Path folder = controllerFolder.resolve(name);
        if (!Files.isDirectory(folder)) {
            return null;
        }
        // A controller's path disk is hidden: it has no device number (no dev attribute, no /dev node).
        DeviceNumber device = Objects.requireNonNullElse(deviceNumber(folder), NO_DEVICE);
        NvmeController ctrl = new NvmeController(controller, attribute(controllerFolder, "transport"),
                attribute(controllerFolder, "address"), attribute(controllerFolder, "state"));
        String ana = attribute(folder, "ana_state");
        AnaState anaState = ana.isEmpty() ? AnaState.NONE : Labeled.fromLabel(AnaState.class, ana, AnaState.NONE);
        // The kernel sends I/O down a path only while its controller is live and its ANA state allows it
        // (nvme_path_is_disabled); without ANA a live controller is enough.
        boolean usable = ctrl.live() && (anaState == AnaState.NONE || anaState.usable());
        int priority = AnaPriority.of(anaState);
        org.mpathbus.api.Path path = org.mpathbus.api.Path.builder(name, device)
                .wwid(mapWwid)
                .map(mapWwid, index)
                .dmState(usable ? DmPathState.ACTIVE : DmPathState.FAILED)
                .checker(CHECKER)
                .priority(priority)
                .transport(new TransportInfo("nvme", "", "", "", "", ""))
                .sizeBytes(size)
                .anaState(anaState)
                .anaGroup((int) number(attribute(folder, "ana_grpid")))
                .controller(ctrl)
                .build();
        return PathGroup.builder(index)
                .priority(priority)
                .dmState(usable ? DmGroupState.ENABLED : DmGroupState.DISABLED)
                .paths(List.of(path))
                .build();
    }

    /** The kernel's wwid attribute, else what it would make of the identifiers (uuid, nguid, eui64 in its order). */
    private static String wwid(Path folder) {
        String wwid = attribute(folder, "wwid");
        if (!wwid.isEmpty()) {
            return wwid;
        }
        String uuid = attribute(folder, "uuid");
        if (!uuid.isEmpty()) {
            return "uuid." + uuid;
        }
        String nguid = attribute(folder, "nguid");
        if (!nguid.isEmpty()) {
            return "eui." + nguid.replace("-", "").toLowerCase(Locale.ROOT);
        }
        String eui = attribute(folder, "eui");
        return eui.isEmpty() ? folder.getFileName().toString() : "eui." + eui.replace("-", "").toLowerCase(Locale.ROOT);
    }

    private static DeviceNumber deviceNumber(Path folder) {
        String dev = attribute(folder, "dev");
        try {
            return dev.isEmpty() ? null : DeviceNumber.parse(dev);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static long number(String text) {
        try {
            return text.isEmpty() ? 0 : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String attribute(Path folder, String name) {
        return SysfsAttributes.read(folder.resolve(name));
    }
}

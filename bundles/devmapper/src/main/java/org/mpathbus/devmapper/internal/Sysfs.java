package org.mpathbus.devmapper.internal;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.mpathbus.api.DeviceIdentity;
import org.mpathbus.api.DeviceNumber;
import org.mpathbus.api.DeviceState;
import org.mpathbus.api.Path;
import org.mpathbus.api.ScsiAddress;
import org.mpathbus.api.TransportInfo;

/**
 * Reads what sysfs tells about block devices. The root is configurable so tests use fixture trees. A
 * device or attribute that vanishes while being read leaves its field at the neutral default.
 */
final class Sysfs {

    private static final Pattern PCI_ADDRESS = Pattern.compile("[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\\.[0-9a-f]");
    private static final Pattern HOST = Pattern.compile("host(\\d+)");
    private static final Pattern CANDIDATE = Pattern.compile("sd[a-z]+|nvme\\d+n\\d+");
    private static final Pattern DESIGNATOR = Pattern.compile("(naa|eui|t10)\\.(.*)");
    private static final long SECTOR = 512;
    private static final String UDEV_SERIAL = "E:ID_SERIAL=";

    private final java.nio.file.Path root;
    /** block name to the real path of its device folder, whose state and ALUA attributes are read every second */
    private final Map<String, java.nio.file.Path> deviceFolders = new ConcurrentHashMap<>();
    private final Map<DeviceNumber, String> lastPathNames = new ConcurrentHashMap<>();

    /** udev's database (/run/udev/data), or null to take WWIDs from sysfs alone */
    private final java.nio.file.Path udevData;

    /** sysfs alone, no udev database (tests) */
    Sysfs(java.nio.file.Path root) {
        this(root, null);
    }

    /**
     * @param udevData udev's database (/run/udev/data): multipath-tools takes a SCSI path's WWID from the
     *        udev property ID_SERIAL (uid_attribute), which can differ from sysfs's device/wwid (scsi_debug:
     *        "1Linux_scsi_debug_2000" there, "naa.3333..." in sysfs); null for sysfs alone
     */
    Sysfs(java.nio.file.Path root, java.nio.file.Path udevData) {
        this.root = root;
        this.udevData = udevData;
    }

    /** The kernel name of a block device ("sdb", "dm-0"), from /sys/dev/block/MAJ:MIN. */
    Optional<String> blockName(DeviceNumber device) {
        java.nio.file.Path link = root.resolve("dev/block/" + device);
        try {
            return Optional.of(link.toRealPath().getFileName().toString());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The kernel name of a map's path device: as {@link #blockName}, else the name it had when last seen. A
     * SCSI device deleted under a map leaves sysfs while the map's table still holds it; it stays that path
     * (its checker says "removed"), as multipathd keeps it, until the table lets it go.
     */
    Optional<String> pathName(DeviceNumber device) {
        Optional<String> name = blockName(device);
        name.ifPresent(found -> lastPathNames.put(device, found));
        return name.or(() -> Optional.ofNullable(lastPathNames.get(device)));
    }

    /** Block devices that could be paths: SCSI disks and NVMe namespaces, by kernel name. */
    List<String> candidatePathNames() {
        List<String> names = new ArrayList<>();
        try (Stream<java.nio.file.Path> entries = Files.list(root.resolve("block"))) {
            entries.map(p -> p.getFileName().toString()).filter(n -> CANDIDATE.matcher(n).matches()).sorted()
                    .forEach(names::add);
        } catch (IOException e) {
            // no /sys/block: no candidates
        }
        return names;
    }

    Optional<DeviceNumber> deviceNumber(String blockName) {
        try {
            return read("block/" + blockName + "/dev").map(DeviceNumber::parse);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Everything sysfs says about one path device, as a path that belongs to no map yet. */
    Path path(String name, DeviceNumber device) {
        String block = "block/" + name;
        Path.Builder path = Path.builder(name, device)
                .sizeBytes(readLong(block + "/size") * SECTOR)
                .deviceState(deviceState(name))
                .priority(priority(name))
                // The SCSI command timeout multipathd takes for a check without checker_timeout (sysfs_get_timeout)
                .deviceTimeout(Duration.ofSeconds(Math.max(0, readLong(block + "/device/timeout"))))
                .identity(new DeviceIdentity(read(block + "/device/vendor").orElse(""),
                        read(block + "/device/model").orElse(""), read(block + "/device/rev")
                                .or(() -> read(block + "/device/firmware_rev")).orElse("")));
        Optional<java.nio.file.Path> devicePath = realPath(block + "/device");
        if (name.startsWith("nvme")) {
            path.wwid(read(block + "/wwid").orElse(""))
                    .transport(new TransportInfo("nvme", "", "", "", "", devicePath.map(Sysfs::pciAddress).orElse("")));
        } else {
            path.wwid(udevSerial(device).or(() -> read(block + "/device/wwid").map(Sysfs::scsiWwid)).orElse(""));
            devicePath.ifPresent(real -> {
                try {
                    ScsiAddress address = ScsiAddress.parse(real.getFileName().toString());
                    path.scsiAddress(address).transport(scsiTransport(address, real));
                } catch (IllegalArgumentException e) {
                    // not a SCSI device (virtio-blk, ...): no address, transport undef
                }
            });
        }
        return path.build();
    }

    /**
     * The SCSI device's state (running, offline, blocked, ...), UNKNOWN when sysfs has none. This runs for
     * every path every second, so the device folder's real location is remembered (a symlink walk less) and
     * the file read with one read(); a device deleted under that name makes the remembered folder vanish,
     * and the name is resolved again.
     */
    DeviceState deviceState(String blockName) {
        java.nio.file.Path folder = deviceFolders.get(blockName);
        if (folder != null) {
            Optional<String> text = readSmall(folder.resolve("state"));
            if (text.isPresent()) {
                return DeviceState.fromSysfs(text.get());
            }
            deviceFolders.remove(blockName);
        }
        return deviceFolder(blockName).flatMap(f -> readSmall(f.resolve("state"))).map(DeviceState::fromSysfs)
                .orElse(DeviceState.UNKNOWN);
    }

    /**
     * The path's priority from its ALUA state as the kernel's device handler (scsi_dh_alua) shows it
     * (access_state, preferred_path), mapped as multipath-tools maps it; -1 when sysfs shows no ALUA state
     * (no handler attached, not SCSI).
     */
    int priority(String blockName) {
        Optional<java.nio.file.Path> folder = knownDeviceFolder(blockName);
        Optional<String> accessState = folder.flatMap(f -> readSmall(f.resolve("access_state")));
        return accessState.isEmpty() ? Priorities.UNKNOWN
                : Priorities.ofPath(accessState.get(), preferred(folder.get()));
    }

    /**
     * The priority again, for the refresh every second (an ALUA transition raises no dm event), with one
     * read per path where nothing changed: preferred_path is read only when the access state's own
     * priority changed (the kernel sets both from one RTPG answer), and a path that had no ALUA state
     * keeps none until its map is read again (a handler attaches when a map's table is loaded).
     */
    int refreshedPriority(String blockName, int previous) {
        if (previous == Priorities.UNKNOWN) {
            return previous;
        }
        Optional<java.nio.file.Path> folder = knownDeviceFolder(blockName);
        Optional<String> accessState = folder.flatMap(f -> readSmall(f.resolve("access_state")));
        if (accessState.isEmpty()) {
            return Priorities.UNKNOWN;
        }
        int unpreferred = Priorities.ofPath(accessState.get(), false);
        return unpreferred == Priorities.withoutPreference(previous) ? previous
                : Priorities.ofPath(accessState.get(), preferred(folder.get()));
    }

    private boolean preferred(java.nio.file.Path deviceFolder) {
        return readSmall(deviceFolder.resolve("preferred_path")).map(Sysfs::isSet).orElse(false);
    }

    /** preferred_path's text as multipath-tools reads it (strtoul): a number other than 0; anything else is unset. */
    private static boolean isSet(String text) {
        try {
            return Long.decode(text) != 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private Optional<java.nio.file.Path> knownDeviceFolder(String blockName) {
        java.nio.file.Path folder = deviceFolders.get(blockName);
        return folder != null ? Optional.of(folder) : deviceFolder(blockName);
    }

    private Optional<java.nio.file.Path> deviceFolder(String blockName) {
        Optional<java.nio.file.Path> real = realPath("block/" + blockName + "/device");
        real.ifPresent(f -> deviceFolders.put(blockName, f));
        return real;
    }

    /** udev's ID_SERIAL of the block device, as multipath-tools reads it for the WWID. */
    private Optional<String> udevSerial(DeviceNumber device) {
        if (udevData == null) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(udevData.resolve("b" + device), StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.startsWith(UDEV_SERIAL)).map(l -> l.substring(UDEV_SERIAL.length()).strip())
                    .filter(v -> !v.isEmpty()).findFirst();
        } catch (IOException | java.io.UncheckedIOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> readSmall(java.nio.file.Path file) {
        byte[] buffer = new byte[64];
        try (FileInputStream in = new FileInputStream(file.toFile())) {
            int length = Math.max(0, in.read(buffer));
            return Optional.of(new String(buffer, 0, length, StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private TransportInfo scsiTransport(ScsiAddress address, java.nio.file.Path devicePath) {
        String target = address.host() + ":" + address.channel() + ":" + address.target();
        String adapter = pciAddress(devicePath);
        if (exists("class/fc_transport/target" + target)) {
            String host = "class/fc_host/host" + address.host();
            String remote = "class/fc_transport/target" + target;
            return new TransportInfo("fc", read(host + "/node_name").orElse(""), read(host + "/port_name").orElse(""),
                    read(remote + "/node_name").orElse(""), read(remote + "/port_name").orElse(""), adapter);
        }
        String text = devicePath.toString();
        if (text.contains("/session")) {
            return new TransportInfo("iscsi", "", "", "", "", read("class/iscsi_host/host" + address.host() + "/ipaddress")
                    .orElse(adapter));
        }
        if (text.contains("/end_device-") || exists("class/sas_host/host" + address.host())) {
            return new TransportInfo("sas", "", "", "", "", adapter);
        }
        if (exists("class/spi_transport/target" + target)) {
            return new TransportInfo("spi", "", "", "", "", adapter);
        }
        return new TransportInfo("scsi", "", "", "", "", adapter);
    }

    /** The map's kernel name ("dm-3"); device-mapper names every map dm-MINOR. */
    String mapKernelName(DeviceNumber device) {
        return blockName(device).orElse("dm-" + device.minor());
    }

    /** The PCI address of the adapter nearest the device in its sysfs path, "" when there is none. */
    static String pciAddress(java.nio.file.Path devicePath) {
        String found = "";
        for (java.nio.file.Path element : devicePath) {
            String part = element.toString();
            if (HOST.matcher(part).matches()) {
                break;
            }
            if (PCI_ADDRESS.matcher(part).matches()) {
                found = part;
            }
        }
        return found;
    }

    /**
     * The WWID multipath-tools derives from a SCSI device's VPD page 0x83 designator: NAA "naa.X" gives
     * "3X", EUI-64 "eui.X" gives "2X", T10 vendor ids "t10.X" give "1X"; anything else stays as it is.
     */
    static String scsiWwid(String sysfsWwid) {
        String text = sysfsWwid.strip();
        Matcher m = DESIGNATOR.matcher(text);
        if (!m.matches()) {
            return text;
        }
        switch (m.group(1)) {
            case "naa": return "3" + m.group(2).toLowerCase(Locale.ROOT);
            case "eui": return "2" + m.group(2).toLowerCase(Locale.ROOT);
            default: return "1" + m.group(2);
        }
    }

    private boolean exists(String relative) {
        return Files.exists(root.resolve(relative));
    }

    private Optional<java.nio.file.Path> realPath(String relative) {
        try {
            return Optional.of(root.resolve(relative).toRealPath());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** An attribute's text without surrounding whitespace and NULs; empty when it cannot be read. */
    Optional<String> read(String relative) {
        try {
            String text = new String(Files.readAllBytes(root.resolve(relative)), StandardCharsets.UTF_8);
            return Optional.of(text.replace('\0', ' ').strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private long readLong(String relative) {
        try {
            return read(relative).map(Long::parseLong).orElse(0L);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

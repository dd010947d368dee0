package org.mpathbus.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A multipath map: one dm-multipath device, such as /dev/mapper/mpatha, or one shared namespace of NVMe native
 * multipath, such as /dev/nvme0n1 (see {@link #kind()}), and its path groups.
 *
 * <p>Made by a {@link Builder}, never by a constructor, so that a new attribute is a minor version of this
 * package.
 */
public final class MultipathMap {

    private final String wwid;
    private final String name;
    private final DeviceNumber deviceNumber;
    private final String kernelName;
    private final long sizeBytes;
    private final DeviceIdentity identity;
    private final List<String> features;
    private final String hardwareHandler;
    private final DmMapState dmState;
    private final boolean writeProtected;
    private final List<PathGroup> groups;
    private final int nextGroupIndex;
    private final long eventNumber;
    private final MapKind kind;
    private final NvmeSubsystem subsystem;

    private MultipathMap(Builder b) {
        wwid = Objects.requireNonNull(b.wwid, "wwid");
        name = Objects.requireNonNull(b.name, "name");
        deviceNumber = Objects.requireNonNull(b.deviceNumber, "deviceNumber");
        kernelName = Objects.requireNonNull(b.kernelName, "kernelName");
        sizeBytes = b.sizeBytes;
        identity = Objects.requireNonNull(b.identity, "identity");
        features = List.copyOf(b.features);
        hardwareHandler = Objects.requireNonNull(b.hardwareHandler, "hardwareHandler");
        dmState = Objects.requireNonNull(b.dmState, "dmState");
        writeProtected = b.writeProtected;
        groups = List.copyOf(b.groups);
        nextGroupIndex = b.nextGroupIndex;
        eventNumber = b.eventNumber;
        kind = Objects.requireNonNull(b.kind, "kind");
        subsystem = Objects.requireNonNull(b.subsystem, "subsystem");
    }

    /** The LUN's WWID (the dm uuid without its "mpath-" prefix); the map's stable key. */
    public String wwid() {
        return wwid;
    }

    /** The dm name: the alias or user-friendly name (mpatha) or the WWID itself. */
    public String name() {
        return name;
    }

    /** The dm device's major:minor. */
    public DeviceNumber deviceNumber() {
        return deviceNumber;
    }

    /** The dm device's kernel name, such as "dm-0". */
    public String kernelName() {
        return kernelName;
    }

    public long sizeBytes() {
        return sizeBytes;
    }

    public DeviceIdentity identity() {
        return identity;
    }

    /** The table's feature words, such as [queue_if_no_path, pg_init_retries, 50]. */
    public List<String> features() {
        return features;
    }

    /** The table's hardware handler, "" when none, such as "alua" or "1 alua". */
    public String hardwareHandler() {
        return hardwareHandler;
    }

    public DmMapState dmState() {
        return dmState;
    }

    public boolean writeProtected() {
        return writeProtected;
    }

    public List<PathGroup> groups() {
        return groups;
    }

    /** Device-mapper's event counter for the device; it grows on every dm event. */
    public long eventNumber() {
        return eventNumber;
    }

    /** Which kernel multipath the map is. */
    public MapKind kind() {
        return kind;
    }

    /** The NVMe subsystem of a namespace map; {@link NvmeSubsystem#NONE} for a dm-multipath map. */
    public NvmeSubsystem subsystem() {
        return subsystem;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof MultipathMap o)) {
            return false;
        }
        return wwid.equals(o.wwid)
                && name.equals(o.name)
                && deviceNumber.equals(o.deviceNumber)
                && kernelName.equals(o.kernelName)
                && sizeBytes == o.sizeBytes
                && identity.equals(o.identity)
                && features.equals(o.features)
                && hardwareHandler.equals(o.hardwareHandler)
                && dmState == o.dmState
                && writeProtected == o.writeProtected
                && groups.equals(o.groups)
                && nextGroupIndex == o.nextGroupIndex
                && eventNumber == o.eventNumber
                && kind == o.kind
                && subsystem.equals(o.subsystem);
    }

    @Override
    public int hashCode() {
        return Objects.hash(wwid, name, deviceNumber, kernelName, sizeBytes, identity, features, hardwareHandler, dmState, writeProtected, groups, nextGroupIndex, eventNumber, kind, subsystem);
    }

    @Override
    public String toString() {
        return "MultipathMap[" + "wwid=" + wwid + ", "
                + "name=" + name + ", "
                + "deviceNumber=" + deviceNumber + ", "
                + "kernelName=" + kernelName + ", "
                + "sizeBytes=" + sizeBytes + ", "
                + "identity=" + identity + ", "
                + "features=" + features + ", "
                + "hardwareHandler=" + hardwareHandler + ", "
                + "dmState=" + dmState + ", "
                + "writeProtected=" + writeProtected + ", "
                + "groups=" + groups + ", "
                + "nextGroupIndex=" + nextGroupIndex + ", "
                + "eventNumber=" + eventNumber + ", "
                + "kind=" + kind + ", "
                + "subsystem=" + subsystem + "]";
    }

    /** Every path of every group, in table order. */
    public List<Path> paths() {
        List<Path> all = new ArrayList<>();
        for (PathGroup group : groups) {
            all.addAll(group.paths());
        }
        return all;
    }

    public int pathCount() {
        int count = 0;
        for (PathGroup group : groups) {
            count += group.paths().size();
        }
        return count;
    }

    /** Paths the kernel has active (not failed), over all groups. */
    public int validPathCount() {
        int count = 0;
        for (PathGroup group : groups) {
            count += group.activePathCount();
        }
        return count;
    }

    /**
     * Whether the map can do I/O now, as {@code multipath -C} answers it (multipath-tools 0.9.4's
     * check_usable_paths): some path is active in the kernel's table and its device is running in sysfs
     * (pathinfo with DI_NOIO takes the sysfs state as the path's state, so no checker verdict counts). An NVMe
     * namespace has no SCSI device state: a path the kernel uses is enough.
     */
    public boolean usable() {
        for (PathGroup group : groups) {
            for (Path path : group.paths()) {
                if (path.dmState() == DmPathState.ACTIVE
                        && (kind == MapKind.NVME || path.deviceState() == DeviceState.RUNNING)) {
                    return true;
                }
            }
        }
        return false;
    }

    public Health health() {
        return Health.of(validPathCount(), pathCount());
    }

    /** The 1-based index of the group I/O goes to, 0 when no group is active. */
    public int activeGroupIndex() {
        for (PathGroup group : groups) {
            if (group.dmState() == DmGroupState.ACTIVE) {
                return group.index();
            }
        }
        return 0;
    }

    /**
     * The 1-based index of the group the kernel uses at the next I/O, as device-mapper's status says it (the
     * group a switch chose, else the active one); 0 when unknown. A switch shows here at once, while the
     * active group follows only at the next I/O.
     */
    public int nextGroupIndex() {
        return nextGroupIndex;
    }

    /** "on" when the map queues I/O while it has no path (feature queue_if_no_path), else "off". */
    public String queueing() {
        return features.contains("queue_if_no_path") ? "on" : "off";
    }

    /** The device node, such as /dev/mapper/mpatha, or /dev/nvme0n1 for an NVMe namespace. */
    public String devicePath() {
        return kind == MapKind.NVME ? "/dev/" + kernelName : "/dev/mapper/" + name;
    }

    public static Builder builder(String wwid, String name, DeviceNumber deviceNumber) {
        return new Builder(wwid, name, deviceNumber);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds maps; every attribute not set keeps a neutral default. */
    public static final class Builder {
        private String wwid;
        private String name;
        private DeviceNumber deviceNumber;
        private String kernelName = "";
        private long sizeBytes;
        private DeviceIdentity identity = DeviceIdentity.UNKNOWN;
        private List<String> features = List.of();
        private String hardwareHandler = "";
        private DmMapState dmState = DmMapState.ACTIVE;
        private boolean writeProtected;
        private List<PathGroup> groups = List.of();
        private int nextGroupIndex;
        private long eventNumber;
        private MapKind kind = MapKind.DM_MULTIPATH;
        private NvmeSubsystem subsystem = NvmeSubsystem.NONE;

        private Builder(String wwid, String name, DeviceNumber deviceNumber) {
            this.wwid = wwid;
            this.name = name;
            this.deviceNumber = deviceNumber;
        }

        private Builder(MultipathMap m) {
            this(m.wwid, m.name, m.deviceNumber);
            kernelName = m.kernelName;
            sizeBytes = m.sizeBytes;
            identity = m.identity;
            features = m.features;
            hardwareHandler = m.hardwareHandler;
            dmState = m.dmState;
            writeProtected = m.writeProtected;
            groups = m.groups;
            nextGroupIndex = m.nextGroupIndex;
            eventNumber = m.eventNumber;
            kind = m.kind;
            subsystem = m.subsystem;
        }

        public Builder wwid(String value) { wwid = value; return this; }
        public Builder name(String value) { name = value; return this; }
        public Builder deviceNumber(DeviceNumber value) { deviceNumber = value; return this; }
        public Builder kernelName(String value) { kernelName = value; return this; }
        public Builder sizeBytes(long value) { sizeBytes = value; return this; }
        public Builder identity(DeviceIdentity value) { identity = value; return this; }
        public Builder features(List<String> value) { features = value; return this; }
        public Builder hardwareHandler(String value) { hardwareHandler = value; return this; }
        public Builder dmState(DmMapState value) { dmState = value; return this; }
        public Builder writeProtected(boolean value) { writeProtected = value; return this; }
        public Builder groups(List<PathGroup> value) { groups = value; return this; }
        public Builder nextGroupIndex(int value) { nextGroupIndex = value; return this; }
        public Builder eventNumber(long value) { eventNumber = value; return this; }
        public Builder kind(MapKind value) { kind = value; return this; }
        public Builder subsystem(NvmeSubsystem value) { subsystem = value; return this; }

        public MultipathMap build() {
            return new MultipathMap(this);
        }
    }
}

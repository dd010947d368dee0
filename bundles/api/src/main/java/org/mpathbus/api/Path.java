package org.mpathbus.api;

import java.time.Duration;
import java.util.Comparator;
import java.util.Objects;

/**
 * One path: a block device (such as sdb, or an NVMe controller's path nvme0c1n1) through which a multipath map
 * reaches its LUN or namespace. It carries both
 * views, never merged: the kernel's ({@link #dmState()}, {@link #failCount()}) and the checker's
 * ({@link #checkerState()}, {@link #checkerMessage()}).
 *
 * <p>Made by a {@link Builder}, never by a constructor, so that a new attribute is a minor version of this
 * package: code that reads paths or builds them keeps compiling and linking.
 */
public final class Path {

    /** Kernel names the way people list them: sda before sdb before sdaa (shorter names first). */
    public static final Comparator<String> KERNEL_NAME_ORDER = Comparator.comparingInt(String::length)
            .thenComparing(Comparator.naturalOrder());

    private final String name;
    private final DeviceNumber deviceNumber;
    private final String wwid;
    private final String mapWwid;
    private final int groupIndex;
    private final DmPathState dmState;
    private final int failCount;
    private final DeviceState deviceState;
    private final String checker;
    private final CheckerState checkerState;
    private final String checkerMessage;
    private final int priority;
    private final ScsiAddress scsiAddress;
    private final TransportInfo transport;
    private final DeviceIdentity identity;
    private final long sizeBytes;
    private final Duration deviceTimeout;
    private final String blacklistedBy;
    private final AnaState anaState;
    private final int anaGroup;
    private final NvmeController controller;

    private Path(Builder b) {
        name = Objects.requireNonNull(b.name, "name");
        deviceNumber = Objects.requireNonNull(b.deviceNumber, "deviceNumber");
        wwid = Objects.requireNonNull(b.wwid, "wwid");
        mapWwid = Objects.requireNonNull(b.mapWwid, "mapWwid");
        groupIndex = b.groupIndex;
        dmState = Objects.requireNonNull(b.dmState, "dmState");
        failCount = b.failCount;
        deviceState = Objects.requireNonNull(b.deviceState, "deviceState");
        checker = Objects.requireNonNull(b.checker, "checker");
        checkerState = Objects.requireNonNull(b.checkerState, "checkerState");
        checkerMessage = Objects.requireNonNull(b.checkerMessage, "checkerMessage");
        priority = b.priority;
        scsiAddress = Objects.requireNonNull(b.scsiAddress, "scsiAddress");
        transport = Objects.requireNonNull(b.transport, "transport");
        identity = Objects.requireNonNull(b.identity, "identity");
        sizeBytes = b.sizeBytes;
        deviceTimeout = Objects.requireNonNull(b.deviceTimeout, "deviceTimeout");
        blacklistedBy = Objects.requireNonNull(b.blacklistedBy, "blacklistedBy");
        anaState = Objects.requireNonNull(b.anaState, "anaState");
        anaGroup = b.anaGroup;
        controller = Objects.requireNonNull(b.controller, "controller");
    }

    /** The kernel name, such as "sdb"; unique within a topology. */
    public String name() {
        return name;
    }

    public DeviceNumber deviceNumber() {
        return deviceNumber;
    }

    public String wwid() {
        return wwid;
    }

    /** The WWID of the map the path belongs to, "" when it belongs to none. */
    public String mapWwid() {
        return mapWwid;
    }

    /** The 1-based index of its path group in the map, 0 when it belongs to no map. */
    public int groupIndex() {
        return groupIndex;
    }

    public DmPathState dmState() {
        return dmState;
    }

    public int failCount() {
        return failCount;
    }

    public DeviceState deviceState() {
        return deviceState;
    }

    /** The name of the checker that applies to this path ("tur", "directio", ...). */
    public String checker() {
        return checker;
    }

    public CheckerState checkerState() {
        return checkerState;
    }

    public String checkerMessage() {
        return checkerMessage;
    }

    /** The path's priority as its group reports it; -1 when unknown. */
    public int priority() {
        return priority;
    }

    public ScsiAddress scsiAddress() {
        return scsiAddress;
    }

    public TransportInfo transport() {
        return transport;
    }

    public DeviceIdentity identity() {
        return identity;
    }

    /** The device's size in bytes. */
    public long sizeBytes() {
        return sizeBytes;
    }

    /** The device's own command timeout (a SCSI disk's sysfs timeout), as its source reads it; zero when
     * it has none. A check that multipath.conf gives no checker_timeout lasts this long, else 30 s. */
    public Duration deviceTimeout() {
        return deviceTimeout;
    }

    /** The multipath.conf blacklist rule that excludes the path, as multipath.conf writes it, with where it is
     * written (devnode "^sda$" (/etc/multipath.conf:7)); multipath-tools' own words where no single rule
     * decides; "" when the path is not blacklisted or no multipath.conf is read. The engine decides it. */
    public String blacklistedBy() {
        return blacklistedBy;
    }

    /** An NVMe path's ANA state; {@link AnaState#NONE} where there is none. */
    public AnaState anaState() {
        return anaState;
    }

    /** An NVMe path's ANA group id (ana_grpid); 0 where there is none. */
    public int anaGroup() {
        return anaGroup;
    }

    /** The NVMe controller of an NVMe path; {@link NvmeController#NONE} for other paths. */
    public NvmeController controller() {
        return controller;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Path o)) {
            return false;
        }
        return name.equals(o.name)
                && deviceNumber.equals(o.deviceNumber)
                && wwid.equals(o.wwid)
                && mapWwid.equals(o.mapWwid)
                && groupIndex == o.groupIndex
                && dmState == o.dmState
                && failCount == o.failCount
                && deviceState == o.deviceState
                && checker.equals(o.checker)
                && checkerState == o.checkerState
                && checkerMessage.equals(o.checkerMessage)
                && priority == o.priority
                && scsiAddress.equals(o.scsiAddress)
                && transport.equals(o.transport)
                && identity.equals(o.identity)
                && sizeBytes == o.sizeBytes
                && deviceTimeout.equals(o.deviceTimeout)
                && blacklistedBy.equals(o.blacklistedBy)
                && anaState == o.anaState
                && anaGroup == o.anaGroup
                && controller.equals(o.controller);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, deviceNumber, wwid, mapWwid, groupIndex, dmState, failCount, deviceState, checker, checkerState, checkerMessage, priority, scsiAddress, transport, identity, sizeBytes, deviceTimeout, blacklistedBy, anaState, anaGroup, controller);
    }

    @Override
    public String toString() {
        return "Path[" + "name=" + name + ", "
                + "deviceNumber=" + deviceNumber + ", "
                + "wwid=" + wwid + ", "
                + "mapWwid=" + mapWwid + ", "
                + "groupIndex=" + groupIndex + ", "
                + "dmState=" + dmState + ", "
                + "failCount=" + failCount + ", "
                + "deviceState=" + deviceState + ", "
                + "checker=" + checker + ", "
                + "checkerState=" + checkerState + ", "
                + "checkerMessage=" + checkerMessage + ", "
                + "priority=" + priority + ", "
                + "scsiAddress=" + scsiAddress + ", "
                + "transport=" + transport + ", "
                + "identity=" + identity + ", "
                + "sizeBytes=" + sizeBytes + ", "
                + "deviceTimeout=" + deviceTimeout + ", "
                + "blacklistedBy=" + blacklistedBy + ", "
                + "anaState=" + anaState + ", "
                + "anaGroup=" + anaGroup + ", "
                + "controller=" + controller + "]";
    }

    /** The device node, such as /dev/sdb. */
    public String devicePath() {
        return "/dev/" + name;
    }

    /** True when the path belongs to a multipath map. */
    public boolean isMapped() {
        return !mapWwid.isEmpty();
    }

    /** True when multipath.conf's blacklist excludes the path (see {@link #blacklistedBy()}). */
    public boolean isBlacklisted() {
        return !blacklistedBy.isEmpty();
    }

    /** The same path with the checker's view replaced. */
    public Path withChecker(String checkerName, CheckerState state, String message) {
        if (checker.equals(checkerName) && checkerState == state && checkerMessage.equals(message)) {
            return this;
        }
        return toBuilder().checker(checkerName).checkerState(state).checkerMessage(message).build();
    }

    public static Builder builder(String name, DeviceNumber deviceNumber) {
        return new Builder(name, deviceNumber);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds paths; every attribute not set keeps a neutral default ("", unknown, unchecked). */
    public static final class Builder {
        private String name;
        private DeviceNumber deviceNumber;
        private String wwid = "";
        private String mapWwid = "";
        private int groupIndex;
        private DmPathState dmState = DmPathState.UNDEF;
        private int failCount;
        private DeviceState deviceState = DeviceState.UNKNOWN;
        private String checker = "";
        private CheckerState checkerState = CheckerState.UNCHECKED;
        private String checkerMessage = "";
        private int priority = -1;
        private ScsiAddress scsiAddress = ScsiAddress.NONE;
        private TransportInfo transport = TransportInfo.UNDEF;
        private DeviceIdentity identity = DeviceIdentity.UNKNOWN;
        private long sizeBytes;
        private Duration deviceTimeout = Duration.ZERO;
        private String blacklistedBy = "";
        private AnaState anaState = AnaState.NONE;
        private int anaGroup;
        private NvmeController controller = NvmeController.NONE;

        private Builder(String name, DeviceNumber deviceNumber) {
            this.name = name;
            this.deviceNumber = deviceNumber;
        }

        private Builder(Path p) {
            this(p.name, p.deviceNumber);
            wwid = p.wwid;
            mapWwid = p.mapWwid;
            groupIndex = p.groupIndex;
            dmState = p.dmState;
            failCount = p.failCount;
            deviceState = p.deviceState;
            checker = p.checker;
            checkerState = p.checkerState;
            checkerMessage = p.checkerMessage;
            priority = p.priority;
            scsiAddress = p.scsiAddress;
            transport = p.transport;
            identity = p.identity;
            sizeBytes = p.sizeBytes;
            deviceTimeout = p.deviceTimeout;
            blacklistedBy = p.blacklistedBy;
            anaState = p.anaState;
            anaGroup = p.anaGroup;
            controller = p.controller;
        }

        public Builder name(String value) { name = value; return this; }
        public Builder deviceNumber(DeviceNumber value) { deviceNumber = value; return this; }
        public Builder wwid(String value) { wwid = value; return this; }
        /** Places the path in a map's group; use "" and 0 for a path that belongs to no map. */
        public Builder map(String wwidOfMap, int indexOfGroup) { mapWwid = wwidOfMap; groupIndex = indexOfGroup; return this; }
        public Builder dmState(DmPathState value) { dmState = value; return this; }
        public Builder failCount(int value) { failCount = value; return this; }
        public Builder deviceState(DeviceState value) { deviceState = value; return this; }
        public Builder checker(String value) { checker = value; return this; }
        public Builder checkerState(CheckerState value) { checkerState = value; return this; }
        public Builder checkerMessage(String value) { checkerMessage = value; return this; }
        public Builder priority(int value) { priority = value; return this; }
        public Builder scsiAddress(ScsiAddress value) { scsiAddress = value; return this; }
        public Builder transport(TransportInfo value) { transport = value; return this; }
        public Builder identity(DeviceIdentity value) { identity = value; return this; }
        public Builder sizeBytes(long value) { sizeBytes = value; return this; }
        /** The device's own command timeout; zero when it has none. */
        public Builder deviceTimeout(Duration value) { deviceTimeout = value; return this; }
        /** The engine's blacklist verdict (see {@link Path#blacklistedBy()}). */
        public Builder blacklistedBy(String value) { blacklistedBy = value; return this; }
        public Builder anaState(AnaState value) { anaState = value; return this; }
        public Builder anaGroup(int value) { anaGroup = value; return this; }
        public Builder controller(NvmeController value) { controller = value; return this; }

        public Path build() {
            return new Path(this);
        }
    }
}

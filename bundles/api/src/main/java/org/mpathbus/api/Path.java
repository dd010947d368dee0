package org.mpathbus.api;

import java.util.Objects;

/**
 * One path: a block device (such as sdb) through which a multipath map reaches its LUN. It carries both
 * views, never merged: the kernel's ({@link #dmState()}, {@link #failCount()}) and the checker's
 * ({@link #checkerState()}, {@link #checkerMessage()}).
 *
 * @param name the kernel name, such as "sdb"; unique within a topology
 * @param mapWwid the WWID of the map the path belongs to, "" when it belongs to none
 * @param groupIndex the 1-based index of its path group in the map, 0 when it belongs to no map
 * @param checker the name of the checker that applies to this path ("tur", "directio", ...)
 * @param priority the path's priority as its group reports it; -1 when unknown
 * @param sizeBytes the device's size in bytes
 */
public record Path(String name, DeviceNumber deviceNumber, String wwid, String mapWwid, int groupIndex,
        DmPathState dmState, int failCount, DeviceState deviceState, String checker, CheckerState checkerState,
        String checkerMessage, int priority, ScsiAddress scsiAddress, TransportInfo transport,
        DeviceIdentity identity, long sizeBytes) {

    public Path {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(deviceNumber, "deviceNumber");
        Objects.requireNonNull(wwid, "wwid");
        Objects.requireNonNull(mapWwid, "mapWwid");
        Objects.requireNonNull(dmState, "dmState");
        Objects.requireNonNull(deviceState, "deviceState");
        Objects.requireNonNull(checker, "checker");
        Objects.requireNonNull(checkerState, "checkerState");
        Objects.requireNonNull(checkerMessage, "checkerMessage");
        Objects.requireNonNull(scsiAddress, "scsiAddress");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(identity, "identity");
    }

    /** The device node, such as /dev/sdb. */
    public String devicePath() {
        return "/dev/" + name;
    }

    /** True when the path belongs to a multipath map. */
    public boolean isMapped() {
        return !mapWwid.isEmpty();
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

        public Path build() {
            return new Path(name, deviceNumber, wwid, mapWwid, groupIndex, dmState, failCount, deviceState, checker,
                    checkerState, checkerMessage, priority, scsiAddress, transport, identity, sizeBytes);
        }
    }
}

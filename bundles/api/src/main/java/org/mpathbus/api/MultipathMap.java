package org.mpathbus.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A multipath map: one dm-multipath device, such as /dev/mapper/mpatha, and its path groups.
 *
 * @param wwid the LUN's WWID (the dm uuid without its "mpath-" prefix); the map's stable key
 * @param name the dm name: the alias or user-friendly name (mpatha) or the WWID itself
 * @param deviceNumber the dm device's major:minor
 * @param kernelName the dm device's kernel name, such as "dm-0"
 * @param features the table's feature words, such as [queue_if_no_path, pg_init_retries, 50]
 * @param hardwareHandler the table's hardware handler, "" when none, such as "alua" or "1 alua"
 * @param eventNumber device-mapper's event counter for the device; it grows on every dm event
 */
public record MultipathMap(String wwid, String name, DeviceNumber deviceNumber, String kernelName, long sizeBytes,
        DeviceIdentity identity, List<String> features, String hardwareHandler, DmMapState dmState,
        boolean writeProtected, List<PathGroup> groups, long eventNumber) {

    public MultipathMap {
        Objects.requireNonNull(wwid, "wwid");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(deviceNumber, "deviceNumber");
        Objects.requireNonNull(kernelName, "kernelName");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(hardwareHandler, "hardwareHandler");
        Objects.requireNonNull(dmState, "dmState");
        features = List.copyOf(features);
        groups = List.copyOf(groups);
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

    /** "on" when the map queues I/O while it has no path (feature queue_if_no_path), else "off". */
    public String queueing() {
        return features.contains("queue_if_no_path") ? "on" : "off";
    }

    /** The device node, such as /dev/mapper/mpatha. */
    public String devicePath() {
        return "/dev/mapper/" + name;
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
        private long eventNumber;

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
            eventNumber = m.eventNumber;
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
        public Builder eventNumber(long value) { eventNumber = value; return this; }

        public MultipathMap build() {
            return new MultipathMap(wwid, name, deviceNumber, kernelName, sizeBytes, identity, features,
                    hardwareHandler, dmState, writeProtected, groups, eventNumber);
        }
    }
}

package org.mpathbus.devmapper.internal;

import java.util.List;

import org.mpathbus.api.DeviceNumber;

/**
 * What DM_TABLE_STATUS returns for one device: its header and its targets' table or status text.
 *
 * @param flags the dm_ioctl flags (DM_READONLY_FLAG, DM_SUSPEND_FLAG, ...)
 */
record DmTargets(String name, String uuid, DeviceNumber device, long eventNumber, int flags, List<Target> targets) {

    static final String MULTIPATH_UUID_PREFIX = "mpath-";
    static final String MULTIPATH_TARGET = "multipath";

    DmTargets {
        targets = List.copyOf(targets);
    }

    /** One target line: sectors, type and the parameter text that follows them. */
    record Target(long startSector, long lengthSectors, String type, String parameters) {
    }

    /** A multipath map has exactly one target, of type multipath. */
    boolean isMultipath() {
        return targets.size() == 1 && MULTIPATH_TARGET.equals(targets.get(0).type());
    }

    long sizeSectors() {
        long sectors = 0;
        for (Target target : targets) {
            sectors += target.lengthSectors();
        }
        return sectors;
    }

    boolean readOnly() {
        return (flags & DmIoctl.DM_READONLY_FLAG) != 0;
    }

    boolean suspended() {
        return (flags & DmIoctl.DM_SUSPEND_FLAG) != 0;
    }
}

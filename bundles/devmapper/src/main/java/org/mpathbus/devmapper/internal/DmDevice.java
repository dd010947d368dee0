package org.mpathbus.devmapper.internal;

import org.mpathbus.api.DeviceNumber;

/**
 * One entry of DM_LIST_DEVICES.
 *
 * @param uuid the dm uuid ("mpath-3600..."), "" when the device has none, null when the kernel did not say
 * @param eventNumber device-mapper's event counter for the device
 */
record DmDevice(String name, DeviceNumber device, long eventNumber, String uuid) {

    /** True when the uuid is known and says the device is not a multipath map. */
    boolean knownNotMultipath() {
        return uuid != null && !uuid.isEmpty() && !uuid.startsWith(DmTargets.MULTIPATH_UUID_PREFIX);
    }
}

package org.mpathbus.api;

/** The SCSI device's state in sysfs (/sys/block/sdX/device/state). */
public enum DeviceState implements Labeled {
    RUNNING,
    OFFLINE,
    BLOCKED,
    QUIESCE,
    TRANSPORT_OFFLINE,
    CREATED,
    CANCEL,
    DELETED,
    /** No state could be read (not a SCSI device, or the attribute vanished). */
    UNKNOWN;

    /** Maps sysfs words such as "running" or "transport-offline"; anything else is UNKNOWN. */
    public static DeviceState fromSysfs(String word) {
        return Labeled.fromLabel(DeviceState.class, word.strip(), UNKNOWN);
    }
}

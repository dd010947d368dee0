package org.mpathbus.api;

/** Which kernel multipath a map is: a dm-multipath device, or a namespace of NVMe native multipath. */
public enum MapKind implements Labeled {
    /** A device-mapper multipath map, such as /dev/mapper/mpatha, that multipathd owns. */
    DM_MULTIPATH,
    /** A shared namespace of an NVMe subsystem (nvme_core.multipath=Y), such as /dev/nvme0n1. */
    NVME
}

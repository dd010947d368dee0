package org.mpathbus.api;

/** A SCSI device's host:bus(channel):target:lun address. */
public record ScsiAddress(int host, int channel, int target, long lun) {

    /** For devices that have no SCSI address (NVMe, virtio-blk) or whose address is unknown. */
    public static final ScsiAddress NONE = new ScsiAddress(-1, -1, -1, -1);

    /** Parses sysfs's "2:0:0:1". */
    public static ScsiAddress parse(String hbtl) {
        String[] parts = hbtl.strip().split(":");
        if (parts.length != 4) {
            throw new IllegalArgumentException("not a H:B:T:L SCSI address: '" + hbtl + "'");
        }
        try {
            return new ScsiAddress(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]),
                    Long.parseLong(parts[3]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a H:B:T:L SCSI address: '" + hbtl + "'", e);
        }
    }

    @Override
    public String toString() {
        return this.equals(NONE) ? "-" : host + ":" + channel + ":" + target + ":" + lun;
    }
}

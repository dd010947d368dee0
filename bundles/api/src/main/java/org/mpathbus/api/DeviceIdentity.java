package org.mpathbus.api;

import java.util.Objects;

/** What the device says it is (SCSI INQUIRY vendor, product and revision, trimmed). */
public record DeviceIdentity(String vendor, String product, String revision) {

    public static final DeviceIdentity UNKNOWN = new DeviceIdentity("", "", "");

    public DeviceIdentity {
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(revision, "revision");
    }
}

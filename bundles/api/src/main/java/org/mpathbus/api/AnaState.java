package org.mpathbus.api;

/**
 * An NVMe path's Asymmetric Namespace Access state, as the kernel's ana_state attribute words it
 * ("optimized", "non-optimized", ...); {@link #NONE} for a path that has none (SCSI, or NVMe without ANA).
 */
public enum AnaState implements Labeled {
    OPTIMIZED,
    NON_OPTIMIZED,
    INACCESSIBLE,
    PERSISTENT_LOSS,
    CHANGE,
    /** No ANA state: labelled "". */
    NONE {
        @Override
        public String label() {
            return "";
        }
    };

    /** Whether I/O may use a path in this state, as the kernel decides (nvme_path_is_disabled). */
    public boolean usable() {
        return this == OPTIMIZED || this == NON_OPTIMIZED;
    }
}

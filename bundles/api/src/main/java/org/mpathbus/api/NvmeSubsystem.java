package org.mpathbus.api;

import java.util.Objects;

/**
 * The NVMe subsystem a namespace map belongs to, as /sys/class/nvme-subsystem/NAME shows it. {@link #NONE}
 * for maps that are not NVMe.
 *
 * @param name the subsystem's kernel name, such as "nvme-subsys0"
 * @param nqn the subsystem's NVMe qualified name (subsysnqn)
 * @param iopolicy how the kernel spreads I/O over the paths: "numa", "round-robin" or "queue-depth"
 */
public record NvmeSubsystem(String name, String nqn, String iopolicy) {

    public static final NvmeSubsystem NONE = new NvmeSubsystem("", "", "");

    public NvmeSubsystem {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(nqn, "nqn");
        Objects.requireNonNull(iopolicy, "iopolicy");
    }
}

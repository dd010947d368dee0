package org.mpathbus.api;

import java.util.Objects;

/**
 * The NVMe controller through which a path reaches its namespace, as sysfs shows it under
 * /sys/class/nvme/NAME. {@link #NONE} for paths that are not NVMe.
 *
 * @param name the controller's kernel name, such as "nvme1"
 * @param transport "tcp", "rdma", "fc", "loop" or "pcie"
 * @param address the transport address as the kernel prints it, such as "traddr=127.0.0.1,trsvcid=4420"
 * @param state the controller's state: "live", "connecting", "resetting", "deleting", "dead", ...
 */
public record NvmeController(String name, String transport, String address, String state) {

    public static final NvmeController NONE = new NvmeController("", "", "", "");

    public NvmeController {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(state, "state");
    }

    /** Whether the controller carries I/O ("live"). */
    public boolean live() {
        return state.equals("live");
    }
}

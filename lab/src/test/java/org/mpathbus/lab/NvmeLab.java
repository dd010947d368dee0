package org.mpathbus.lab;

/**
 * The NVMe guest: src/test/guest/nvme.sh in target/lab-nvme. A boot of its own: its target ports change ANA
 * states and go away, and its SAN is NVMe-oF beside a small dm-multipath one.
 */
final class NvmeLab {

    private static final LabBoot GUEST = new LabBoot("nvme.sh", "lab-nvme");

    private NvmeLab() {
    }

    static LabRun run() {
        return GUEST.run();
    }
}

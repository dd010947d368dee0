package org.mpathbus.lab;

/**
 * The main guest: src/test/guest/suite.sh (scenarios against dmsetup, multipathd and the system bus,
 * multipath.conf variants, benchmarks) in target/lab. KernelLabIT, DbusLabIT, ConfigLabIT and
 * LabBenchmarksIT share its one boot.
 */
final class KernelLab {

    private static final LabBoot GUEST = new LabBoot("suite.sh", "lab");

    private KernelLab() {
    }

    static LabRun run() {
        return GUEST.run();
    }
}

package org.mpathbus.lab;

/**
 * The control guest: src/test/guest/control.sh in target/lab-control. A boot of its own because its
 * operations (paths failed and removed, maps flushed and resized, multipathd stopped) would disturb the
 * main suite's verdicts.
 */
final class ControlLab {

    private static final LabBoot GUEST = new LabBoot("control.sh", "lab-control");

    private ControlLab() {
    }

    static LabRun run() {
        return GUEST.run();
    }
}

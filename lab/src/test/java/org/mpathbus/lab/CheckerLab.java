package org.mpathbus.lab;

/**
 * The path checkers' guest: src/test/guest/checkers.sh in target/lab-checkers. A boot of its own because
 * its scenarios fault paths (offline, timeouts, deletion) and change the daemon's check settings, which
 * the main suite's verdicts must not see.
 */
final class CheckerLab {

    private static final LabBoot GUEST = new LabBoot("checkers.sh", "lab-checkers");

    private CheckerLab() {
    }

    static LabRun run() {
        return GUEST.run();
    }
}

package org.mpathbus.lab;

import java.io.IOException;

/**
 * A guest's one run in this test JVM: booted at the first {@link #get()}, so that every test class of the
 * guest shares it, and a boot that failed fails every later call the same way instead of booting again.
 */
final class GuestRun {

    @FunctionalInterface
    interface Boot {
        LabRun boot() throws IOException, InterruptedException;
    }

    private final String guest;
    private final Boot boot;
    private LabRun run;
    private AssertionError failure;

    /** @param guest the guest's script, for the message when it cannot run */
    GuestRun(String guest, Boot boot) {
        this.guest = guest;
        this.boot = boot;
    }

    synchronized LabRun get() {
        if (failure != null) {
            throw failure;
        }
        if (run == null) {
            try {
                run = boot.boot();
            } catch (IOException | InterruptedException e) {
                failure = new AssertionError("the kernel lab could not run " + guest + ": " + e, e);
                throw failure;
            } catch (AssertionError e) {
                failure = e;
                throw e;
            }
        }
        return run;
    }
}

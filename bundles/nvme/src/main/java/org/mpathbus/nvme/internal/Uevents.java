package org.mpathbus.nvme.internal;

/** Where the watcher waits: the kernel's uevents, or only the clock. */
interface Uevents extends AutoCloseable {

    /**
     * Waits up to {@code millis} for a uevent about NVMe (a controller, subsystem or namespace added, changed
     * or removed); true when one came.
     */
    boolean await(long millis) throws InterruptedException;

    @Override
    void close();

    /** No uevents: every wait lasts its full time. */
    Uevents NONE = new Uevents() {
        @Override
        public boolean await(long millis) throws InterruptedException {
            Thread.sleep(millis);
            return false;
        }

        @Override
        public void close() {
        }
    };
}

package org.mpathbus.checker.support;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.mpathbus.api.Path;

/**
 * A fake opener for checker tests: hands out the devices a supplier makes, records what was opened and
 * closed, and can refuse to open, wait in open, or report the device gone from sysfs.
 *
 * @param <D> the checker's device
 */
public final class RecordingOpener<D> implements DeviceOpener<D> {

    private final Supplier<? extends D> devices;
    private final List<D> opened = new ArrayList<>();
    private final List<D> closed = new ArrayList<>();
    private volatile Runnable beforeOpen = () -> { };
    private volatile int openErrno;
    private volatile boolean exists = true;

    public RecordingOpener(Supplier<? extends D> devices) {
        this.devices = devices;
    }

    /** open fails with this errno (its text "errno text N", or strerror's for ENOENT); 0 opens again. */
    public void failOpenWith(int errno) {
        openErrno = errno;
    }

    /** Runs at the start of each open, outside any lock: a test can hold an open there. */
    public void beforeOpen(Runnable action) {
        beforeOpen = action;
    }

    /** From now on the devices are gone from sysfs. */
    public void deviceGone() {
        exists = false;
    }

    public synchronized List<D> opened() {
        return List.copyOf(opened);
    }

    public synchronized List<D> closed() {
        return List.copyOf(closed);
    }

    @Override
    public D open(Path path) throws ErrnoException {
        beforeOpen.run();
        synchronized (this) {
            int errno = openErrno;
            if (errno != 0) {
                String text = errno == LibC.ENOENT ? "No such file or directory" : "errno text " + errno;
                throw new ErrnoException("open", path.devicePath(), errno, text);
            }
            D device = devices.get();
            opened.add(device);
            return device;
        }
    }

    @Override
    public synchronized void close(D device) {
        closed.add(device);
    }

    @Override
    public boolean exists(Path path) {
        return exists;
    }
}

package org.mpathbus.checker.support;

import java.util.ArrayList;
import java.util.List;

import org.mpathbus.api.Path;

/** Opens numbered fake devices and records what was opened and closed; can fail or wait in open. */
final class FakeOpener implements DeviceOpener<FakeOpener.Device> {

    /** A fake open device; its call answers with the errno set on it, or succeeds. */
    static final class Device {
        final String name;
        int calls;
        int callErrno;

        Device(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    final List<Device> opened = new ArrayList<>();
    final List<Device> closed = new ArrayList<>();
    Runnable beforeOpen = () -> { };
    int openErrno;
    int nextCallErrno;
    boolean exists = true;

    @Override
    public Device open(Path path) throws ErrnoException {
        beforeOpen.run();
        synchronized (this) {
            if (openErrno != 0) {
                String text = openErrno == LibC.ENOENT ? "No such file or directory" : "errno text " + openErrno;
                throw new ErrnoException("open", path.devicePath(), openErrno, text);
            }
            Device device = new Device(path.name() + "#" + opened.size());
            device.callErrno = nextCallErrno;
            opened.add(device);
            return device;
        }
    }

    @Override
    public synchronized void close(Device device) {
        closed.add(device);
    }

    @Override
    public boolean exists(Path path) {
        return exists;
    }
}

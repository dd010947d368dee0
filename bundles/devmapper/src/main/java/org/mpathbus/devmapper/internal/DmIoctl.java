package org.mpathbus.devmapper.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.NativeLong;

import org.mpathbus.api.DeviceNumber;

/**
 * /dev/mapper/control through ioctl(2) with JNA: the dm ioctl interface 4 without libdevmapper. One
 * request at a time per instance; {@link #wakeUp} may come from any thread (an eventfd beside the
 * control file in the poll set).
 */
final class DmIoctl implements DmControl {

    static final int DM_READONLY_FLAG = 1;
    static final int DM_SUSPEND_FLAG = 1 << 1;
    static final int DM_STATUS_TABLE_FLAG = 1 << 4;
    static final int DM_BUFFER_FULL_FLAG = 1 << 8;
    static final int DM_UUID_FLAG = 1 << 14;

    static final long DM_VERSION = DmIoctlLayout.iowr(0);
    static final long DM_LIST_DEVICES = DmIoctlLayout.iowr(2);
    static final long DM_TABLE_STATUS = DmIoctlLayout.iowr(12);
    static final long DM_DEV_ARM_POLL = DmIoctlLayout.iowr(16);

    /** DM_DEV_ARM_POLL and event numbers in DM_LIST_DEVICES came with 4.37 (Linux 4.13). */
    static final int MINOR_WITH_ARM_POLL = 37;
    /** Uuids in DM_LIST_DEVICES (DM_UUID_FLAG) came with 4.45 (Linux 5.13). */
    static final int MINOR_WITH_LIST_UUID = 45;

    private static final int INITIAL_BUFFER = 16 * 1024;
    private static final int MAX_BUFFER = 64 * 1024 * 1024;

    private final LibC libc;
    private final String controlPath;
    private final int controlFd;
    private final int wakeFd;
    private final int[] version;
    private final Memory pollFds = new Memory(2L * LibC.SIZEOF_POLLFD);
    /** Separate buffers: wakeUp runs on other threads while the loop drains. */
    private final Memory wakeValue = new Memory(8);
    private final Memory drainedValue = new Memory(8);
    private Memory buffer = new Memory(INITIAL_BUFFER);

    private DmIoctl(LibC libc, String controlPath, int controlFd, int wakeFd) throws IOException {
        this.libc = libc;
        this.controlPath = controlPath;
        this.controlFd = controlFd;
        this.wakeFd = wakeFd;
        this.version = queryVersion();
    }

    /**
     * Opens the control device and checks the interface version.
     *
     * @throws IOException with a message a person can act on: no device-mapper, no permission, old kernel
     */
    static DmIoctl open(String controlPath) throws IOException {
        LibC libc;
        try {
            libc = LibC.load();
        } catch (LinkageError e) {
            throw new IOException("cannot call libc through JNA: " + e.getMessage(), e);
        }
        int fd;
        try {
            fd = libc.open(controlPath, LibC.O_RDWR | LibC.O_CLOEXEC);
        } catch (LastErrorException e) {
            throw openFailure(controlPath, e.getErrorCode());
        }
        try {
            int wake = libc.eventfd(0, LibC.EFD_CLOEXEC | LibC.EFD_NONBLOCK);
            try {
                DmIoctl control = new DmIoctl(libc, controlPath, fd, wake);
                control.requireMinor(MINOR_WITH_ARM_POLL, "DM_DEV_ARM_POLL and event numbers (Linux 4.13)");
                return control;
            } catch (IOException | RuntimeException e) {
                libc.close(wake);
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            libc.close(fd);
            throw e;
        }
    }

    private static IOException openFailure(String path, int errno) {
        switch (errno) {
            case LibC.ENOENT:
            case LibC.ENODEV:
            case LibC.ENXIO:
                return new IOException("device-mapper is not available: " + path
                        + " does not exist (errno " + errno + "); load the dm_mod and dm_multipath modules");
            case LibC.EACCES:
            case LibC.EPERM:
                return new IOException("no permission to open " + path + " (errno " + errno
                        + "); mpathbus needs root (CAP_SYS_ADMIN) to read device-mapper");
            default:
                return new IOException("cannot open " + path + ": errno " + errno);
        }
    }

    @Override
    public int[] version() {
        return version.clone();
    }

    private int[] queryVersion() throws IOException {
        ByteBuffer reply = call(DM_VERSION, 0, null, "DM_VERSION");
        int[] kernel = DmIoctlLayout.version(reply);
        if (kernel[0] != DmIoctlLayout.INTERFACE_MAJOR) {
            throw new IOException("device-mapper ioctl interface " + kernel[0] + "." + kernel[1] + " is not version 4");
        }
        return kernel;
    }

    private void requireMinor(int minor, String what) throws IOException {
        if (version[1] < minor) {
            throw new IOException("device-mapper ioctl interface 4." + version[1] + " lacks " + what + "; 4." + minor
                    + " or newer is needed");
        }
    }

    @Override
    public synchronized List<DmDevice> listDevices() throws IOException {
        boolean withUuid = version[1] >= MINOR_WITH_LIST_UUID;
        ByteBuffer reply = call(DM_LIST_DEVICES, withUuid ? DM_UUID_FLAG : 0, null, "DM_LIST_DEVICES");
        return DmIoctlLayout.readDeviceList(reply, withUuid);
    }

    @Override
    public synchronized Optional<DmTargets> readTargets(DeviceNumber device, boolean table) throws IOException {
        try {
            ByteBuffer reply = call(DM_TABLE_STATUS, table ? DM_STATUS_TABLE_FLAG : 0, device, "DM_TABLE_STATUS");
            return Optional.of(DmIoctlLayout.readTargets(reply));
        } catch (ErrnoException e) {
            if (e.errno == LibC.ENXIO) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public synchronized void armPoll() throws IOException {
        call(DM_DEV_ARM_POLL, 0, null, "DM_DEV_ARM_POLL");
    }

    @Override
    public boolean awaitEvent(long timeoutMillis) throws IOException {
        pollFds.clear();
        pollFds.setInt(0, controlFd);
        pollFds.setShort(4, LibC.POLLIN);
        pollFds.setInt(LibC.SIZEOF_POLLFD, wakeFd);
        pollFds.setShort(LibC.SIZEOF_POLLFD + 4, LibC.POLLIN);
        int timeout = (int) Math.max(0, Math.min(Integer.MAX_VALUE, timeoutMillis));
        try {
            libc.poll(pollFds, new NativeLong(2), timeout);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == LibC.EINTR) {
                return false;
            }
            throw new IOException("poll on " + controlPath + " failed: errno " + e.getErrorCode(), e);
        }
        if ((pollFds.getShort(LibC.SIZEOF_POLLFD + 6) & LibC.POLLIN) != 0) {
            drainWakeUps();
        }
        return (pollFds.getShort(6) & LibC.POLLIN) != 0;
    }

    private void drainWakeUps() {
        try {
            libc.read(wakeFd, drainedValue, new NativeLong(8));
        } catch (LastErrorException e) {
            // EAGAIN: another reader took it; nothing to drain
        }
    }

    @Override
    public void wakeUp() {
        synchronized (wakeValue) {
            wakeValue.setLong(0, 1);
            try {
                libc.write(wakeFd, wakeValue, new NativeLong(8));
            } catch (LastErrorException e) {
                // the counter is saturated: a wake-up is pending anyway
            }
        }
    }

    @Override
    public void close() {
        libc.close(wakeFd);
        libc.close(controlFd);
    }

    /** Issues one dm ioctl, growing the buffer while the kernel says it was too small. */
    private ByteBuffer call(long request, int flags, DeviceNumber device, String name) throws IOException {
        while (true) {
            ByteBuffer view = buffer.getByteBuffer(0, buffer.size()).order(ByteOrder.nativeOrder());
            DmIoctlLayout.writeHeader(view, flags, device);
            try {
                libc.ioctl(controlFd, new NativeLong(request), buffer);
            } catch (LastErrorException e) {
                throw new ErrnoException(name + (device == null ? "" : " on " + device) + " failed: errno " + e.getErrorCode()
                        + permissionHint(e.getErrorCode()), e.getErrorCode());
            }
            if ((DmIoctlLayout.flags(view) & DM_BUFFER_FULL_FLAG) == 0) {
                return view;
            }
            if (buffer.size() * 2 > MAX_BUFFER) {
                throw new IOException(name + " needs more than " + MAX_BUFFER + " bytes");
            }
            buffer = new Memory(buffer.size() * 2);
        }
    }

    private static String permissionHint(int errno) {
        return errno == LibC.EPERM || errno == LibC.EACCES ? " (device-mapper needs CAP_SYS_ADMIN)" : "";
    }

    /** An ioctl that failed with the given errno. */
    static final class ErrnoException extends IOException {
        private static final long serialVersionUID = 1L;
        final int errno;

        ErrnoException(String message, int errno) {
            super(message);
            this.errno = errno;
        }
    }
}

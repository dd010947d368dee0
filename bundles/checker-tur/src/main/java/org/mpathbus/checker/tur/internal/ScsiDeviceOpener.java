package org.mpathbus.checker.tur.internal;

import org.mpathbus.checker.support.DeviceNodeOpener;
import org.mpathbus.checker.support.LibC;

/**
 * Opens a path's device node read-only and non-blocking, as multipathd does, so that opening never waits
 * for media; close-on-exec keeps the descriptor out of any child process.
 */
final class ScsiDeviceOpener extends DeviceNodeOpener<ScsiDevice> {

    /** From glibc's headers, x86-64. */
    static final int O_NONBLOCK = 0x800; // 04000

    private static final System.Logger LOG = System.getLogger(ScsiDeviceOpener.class.getName());

    ScsiDeviceOpener(String deviceDirectory, String sysfsBlockDirectory) {
        super(deviceDirectory, sysfsBlockDirectory, LibC.O_RDONLY | O_NONBLOCK | LibC.O_CLOEXEC);
    }

    @Override
    protected ScsiDevice opened(String node, int fd) {
        LOG.log(System.Logger.Level.DEBUG, () -> "opened " + node + " as fd " + fd);
        return new ScsiDevice(node, fd);
    }
}

package org.mpathbus.checker.tur.internal;

import java.nio.file.Files;
import java.nio.file.Paths;

import com.sun.jna.LastErrorException;

import org.mpathbus.api.Path;

/**
 * Opens a path's device node read-only and non-blocking, as multipathd does, so that opening never waits
 * for media; close-on-exec keeps the descriptor out of any child process.
 */
final class ScsiDeviceOpener implements DeviceOpener<ScsiDevice> {

    private static final System.Logger LOG = System.getLogger(ScsiDeviceOpener.class.getName());

    private final String deviceDirectory;
    private final String sysfsBlockDirectory;

    /**
     * @param deviceDirectory where nodes live ("/dev")
     * @param sysfsBlockDirectory where each block device has a "major:minor" entry ("/sys/dev/block")
     */
    ScsiDeviceOpener(String deviceDirectory, String sysfsBlockDirectory) {
        this.deviceDirectory = deviceDirectory;
        this.sysfsBlockDirectory = sysfsBlockDirectory;
    }

    @Override
    public ScsiDevice open(Path path) throws ErrnoException {
        String node = deviceDirectory + "/" + path.name();
        try {
            int fd = LibC.open(node, LibC.O_RDONLY | LibC.O_NONBLOCK | LibC.O_CLOEXEC);
            LOG.log(System.Logger.Level.DEBUG, () -> "opened " + node + " as fd " + fd);
            return new ScsiDevice(node, fd);
        } catch (LastErrorException e) {
            throw ErrnoException.of("open", node, e);
        }
    }

    @Override
    public void close(ScsiDevice device) {
        try {
            LibC.close(device.fd());
            LOG.log(System.Logger.Level.DEBUG, () -> "closed " + device.node() + " (fd " + device.fd() + ")");
        } catch (LastErrorException e) {
            // close(2) releases the descriptor even when it reports an error; nothing is left to retry
            LOG.log(System.Logger.Level.WARNING, "close " + device.node() + ": errno " + e.getErrorCode());
        }
    }

    @Override
    public boolean exists(Path path) {
        return Files.exists(Paths.get(sysfsBlockDirectory, path.deviceNumber().toString()));
    }
}

package org.mpathbus.checker.support;

import java.nio.file.Files;
import java.nio.file.Paths;

import com.sun.jna.LastErrorException;

import org.mpathbus.api.Path;

/**
 * Opens a path's node, DIR/name, with the checker's open flags, and closes it; a device missing from sysfs
 * no longer exists. A checker turns each new descriptor into its own device object.
 *
 * @param <D> the checker's open device
 */
public abstract class DeviceNodeOpener<D extends DeviceNode> implements DeviceOpener<D> {

    private final System.Logger log = System.getLogger(getClass().getName());
    private final String deviceDirectory;
    private final String sysfsBlockDirectory;
    private final int openFlags;

    /**
     * @param deviceDirectory where nodes live ("/dev")
     * @param sysfsBlockDirectory where each block device has a "major:minor" entry ("/sys/dev/block")
     * @param openFlags the flags of open(2), such as O_RDONLY | O_CLOEXEC
     */
    protected DeviceNodeOpener(String deviceDirectory, String sysfsBlockDirectory, int openFlags) {
        this.deviceDirectory = deviceDirectory;
        this.sysfsBlockDirectory = sysfsBlockDirectory;
        this.openFlags = openFlags;
    }

    @Override
    public final D open(Path path) throws ErrnoException {
        String node = deviceDirectory + "/" + path.name();
        int fd;
        try {
            fd = LibC.open(node, openFlags);
        } catch (LastErrorException e) {
            throw ErrnoException.of("open", node, e);
        }
        return opened(node, fd);
    }

    /** The checker's device on a descriptor just opened. */
    protected abstract D opened(String node, int fd);

    @Override
    public final void close(D device) {
        try {
            LibC.close(device.fd());
            log.log(System.Logger.Level.DEBUG, () -> "closed " + device.node() + " (fd " + device.fd() + ")");
        } catch (LastErrorException e) {
            // close(2) releases the descriptor even when it reports an error; nothing is left to retry
            log.log(System.Logger.Level.WARNING, "close " + device.node() + ": errno " + e.getErrorCode());
        }
    }

    @Override
    public final boolean exists(Path path) {
        return Files.exists(Paths.get(sysfsBlockDirectory, path.deviceNumber().toString()));
    }
}

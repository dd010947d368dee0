package org.mpathbus.checker.directio.internal;

import java.nio.file.Files;
import java.nio.file.Paths;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;

import org.mpathbus.api.Path;

/**
 * Opens a path's device node read-only with O_DIRECT (so the read reaches the device, not the page cache)
 * and close-on-exec, and sizes its read as multipath-tools does: the block size from BLKBSZGET, 4096 when
 * the device cannot tell, never more than 4096.
 */
final class DirectDeviceOpener implements DeviceOpener<DirectDevice> {

    private static final System.Logger LOG = System.getLogger(DirectDeviceOpener.class.getName());

    private final String deviceDirectory;
    private final String sysfsBlockDirectory;

    /**
     * @param deviceDirectory where nodes live ("/dev")
     * @param sysfsBlockDirectory where each block device has a "major:minor" entry ("/sys/dev/block")
     */
    DirectDeviceOpener(String deviceDirectory, String sysfsBlockDirectory) {
        this.deviceDirectory = deviceDirectory;
        this.sysfsBlockDirectory = sysfsBlockDirectory;
    }

    @Override
    public DirectDevice open(Path path) throws ErrnoException {
        String node = deviceDirectory + "/" + path.name();
        int fd;
        try {
            fd = LibC.open(node, LibC.O_RDONLY | LibC.O_DIRECT | LibC.O_CLOEXEC);
        } catch (LastErrorException e) {
            throw ErrnoException.of("open", node, e);
        }
        int blockSize = blockSize(fd, node);
        LOG.log(System.Logger.Level.DEBUG, () -> "opened " + node + " as fd " + fd + ", reading " + blockSize + " bytes");
        return new DirectDevice(node, fd, blockSize);
    }

    @Override
    public void close(DirectDevice device) {
        try {
            LibC.close(device.fd());
        } catch (LastErrorException e) {
            // close(2) releases the descriptor even when it reports an error; nothing is left to retry
            LOG.log(System.Logger.Level.WARNING, "close " + device.node() + ": errno " + e.getErrorCode());
        }
    }

    @Override
    public boolean exists(Path path) {
        return Files.exists(Paths.get(sysfsBlockDirectory, path.deviceNumber().toString()));
    }

    private static int blockSize(int fd, String node) {
        Memory size = new Memory(Long.BYTES);
        size.clear();
        try {
            LibC.ioctl(fd, LibC.BLKBSZGET, size);
        } catch (LastErrorException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "BLKBSZGET on " + node + ": errno " + e.getErrorCode()
                    + "; reading " + DirectDevice.MAX_BLOCK_SIZE + " bytes");
            return DirectDevice.MAX_BLOCK_SIZE;
        }
        int reported = size.getInt(0);
        return reported > 0 && reported < DirectDevice.MAX_BLOCK_SIZE ? reported : DirectDevice.MAX_BLOCK_SIZE;
    }
}

package org.mpathbus.checker.directio.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;

import org.mpathbus.checker.support.DeviceNodeOpener;
import org.mpathbus.checker.support.LibC;

/**
 * Opens a path's device node read-only with O_DIRECT (so the read reaches the device, not the page cache)
 * and close-on-exec, and sizes its read as multipath-tools does: the block size from BLKBSZGET, 4096 when
 * the device cannot tell, never more than 4096.
 */
final class DirectDeviceOpener extends DeviceNodeOpener<DirectDevice> {

    private static final System.Logger LOG = System.getLogger(DirectDeviceOpener.class.getName());

    DirectDeviceOpener(String deviceDirectory, String sysfsBlockDirectory) {
        super(deviceDirectory, sysfsBlockDirectory, LibC.O_RDONLY | DirectioLibC.O_DIRECT | LibC.O_CLOEXEC);
    }

    @Override
    protected DirectDevice opened(String node, int fd) {
        int blockSize = blockSize(fd, node);
        LOG.log(System.Logger.Level.DEBUG, () -> "opened " + node + " as fd " + fd + ", reading " + blockSize + " bytes");
        return new DirectDevice(node, fd, blockSize);
    }

    private static int blockSize(int fd, String node) {
        Memory size = new Memory(Long.BYTES);
        size.clear();
        try {
            LibC.ioctl(fd, DirectioLibC.BLKBSZGET, size);
        } catch (LastErrorException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "BLKBSZGET on " + node + ": errno " + e.getErrorCode()
                    + "; reading " + DirectDevice.MAX_BLOCK_SIZE + " bytes");
            return DirectDevice.MAX_BLOCK_SIZE;
        }
        int reported = size.getInt(0);
        return reported > 0 && reported < DirectDevice.MAX_BLOCK_SIZE ? reported : DirectDevice.MAX_BLOCK_SIZE;
    }
}

package org.mpathbus.checker.directio.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;

import org.mpathbus.checker.support.DeviceNode;
import org.mpathbus.checker.support.ErrnoException;

/**
 * A device opened with O_DIRECT, with a page-aligned buffer of one block allocated once for all its checks.
 *
 * <p>pread(2) cannot be given a deadline: on a device that stops answering it sleeps uninterruptibly until
 * the SCSI layer's own command timeout and error handling end it (sd's timeout, 30 s by default, plus
 * recovery). The engine stops waiting after checker_timeout, reports "timeout", and starts no further check
 * of that path while this read is stuck; the worker thread returns when the kernel completes the read. No
 * thread is started here.
 */
final class DirectDevice extends DeviceNode implements BlockRead {

    static final int PAGE_SIZE = 4096;
    static final int MAX_BLOCK_SIZE = 4096;

    private final int blockSize;
    private final Memory buffer;

    DirectDevice(String node, int fd, int blockSize) {
        super(node, fd);
        this.blockSize = blockSize;
        // JNA's Memory.align keeps the larger allocation alive as long as the aligned view is referenced
        this.buffer = new Memory(blockSize + PAGE_SIZE).align(PAGE_SIZE);
    }

    @Override
    public int blockSize() {
        return blockSize;
    }

    @Override
    public int readFirstBlock() throws ErrnoException {
        try {
            return (int) DirectioLibC.pread(fd(), buffer, blockSize, 0);
        } catch (LastErrorException e) {
            throw ErrnoException.of("read of the first block of", node(), e);
        }
    }

    long bufferAddress() {
        return com.sun.jna.Pointer.nativeValue(buffer);
    }
}

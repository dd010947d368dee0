package org.mpathbus.checker.directio.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The C library calls and constants only the directio checker needs, beside the shared LibC, by JNA direct
 * mapping. Linux x86-64 only: size_t, ssize_t and off_t are Java longs, and the constants come from glibc's
 * headers on that platform (printed by a C program when this was written).
 */
final class DirectioLibC {

    static final int O_DIRECT = 0x4000; // 040000

    /** _IOR(0x12, 112, size_t) from &lt;linux/fs.h&gt;; the kernel writes an int, not a size_t. */
    static final long BLKBSZGET = 0x80081270L;

    static {
        Native.register(DirectioLibC.class, Platform.C_LIBRARY_NAME);
    }

    private DirectioLibC() {
    }

    static native long pread(int fd, Pointer buffer, long count, long offset) throws LastErrorException;
}

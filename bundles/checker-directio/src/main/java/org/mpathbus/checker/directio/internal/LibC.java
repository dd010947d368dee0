package org.mpathbus.checker.directio.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The few C library calls the directio checker needs, by JNA direct mapping. Linux x86-64 only: size_t,
 * ssize_t, off_t and unsigned long are Java longs, and the constants come from glibc's headers on that
 * platform (printed by a C program when this was written).
 */
final class LibC {

    static final int O_RDONLY = 0;
    static final int O_DIRECT = 0x4000; // 040000
    static final int O_CLOEXEC = 0x80000; // 02000000

    /** _IOR(0x12, 112, size_t) from &lt;linux/fs.h&gt;; the kernel writes an int, not a size_t. */
    static final long BLKBSZGET = 0x80081270L;

    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int ENXIO = 6;
    static final int EBADF = 9;
    static final int EACCES = 13;
    static final int ENODEV = 19;
    static final int EINVAL = 22;

    static {
        Native.register(LibC.class, Platform.C_LIBRARY_NAME);
    }

    private LibC() {
    }

    static native int open(String path, int flags) throws LastErrorException;

    static native int close(int fd) throws LastErrorException;

    static native int ioctl(int fd, long request, Pointer argument) throws LastErrorException;

    static native long pread(int fd, Pointer buffer, long count, long offset) throws LastErrorException;

    /** glibc's strerror returns static text for known numbers, so concurrent calls are safe. */
    static native String strerror(int errno);
}

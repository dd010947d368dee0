package org.mpathbus.checker.tur.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The few C library calls the TUR checker needs, by JNA direct mapping (no proxy, no reflection per call).
 * Linux x86-64 only: {@code unsigned long} is a Java long, and the constants below come from glibc's
 * headers on that platform (checked with a C program printing them; see README.md).
 */
final class LibC {

    static final int O_RDONLY = 0;
    static final int O_NONBLOCK = 0x800; // 04000
    static final int O_CLOEXEC = 0x80000; // 02000000

    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int ENXIO = 6;
    static final int EBADF = 9;
    static final int EACCES = 13;
    static final int ENODEV = 19;
    static final int EINVAL = 22;
    static final int ENOTTY = 25;

    static {
        Native.register(LibC.class, Platform.C_LIBRARY_NAME);
    }

    private LibC() {
    }

    static native int open(String path, int flags) throws LastErrorException;

    static native int close(int fd) throws LastErrorException;

    static native int ioctl(int fd, long request, Pointer argument) throws LastErrorException;

    /** glibc's strerror returns static text for known numbers, so concurrent calls are safe. */
    static native String strerror(int errno);
}

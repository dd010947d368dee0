package org.mpathbus.checker.support;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The C library calls every checker needs, by JNA direct mapping (no proxy, no reflection per call); a
 * checker keeps its own extras (flags, ioctl numbers, further calls) beside it. Linux x86-64 only:
 * {@code unsigned long} is a Java long, and the constants below come from glibc's headers on that platform
 * (printed by a C program).
 */
public final class LibC {

    public static final int O_RDONLY = 0;
    public static final int O_CLOEXEC = 0x80000; // 02000000

    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ENXIO = 6;
    public static final int EBADF = 9;
    public static final int EACCES = 13;
    public static final int ENODEV = 19;
    public static final int EINVAL = 22;

    static {
        Native.register(LibC.class, Platform.C_LIBRARY_NAME);
    }

    private LibC() {
    }

    public static native int open(String path, int flags) throws LastErrorException;

    public static native int close(int fd) throws LastErrorException;

    public static native int ioctl(int fd, long request, Pointer argument) throws LastErrorException;

    /** glibc's strerror returns static text for known numbers, so concurrent calls are safe. */
    public static native String strerror(int errno);
}

package org.mpathbus.devmapper.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/** The few libc calls the control device needs. Every call reports failure as LastErrorException (errno). */
interface LibC extends Library {

    int O_RDWR = 0x2;
    int O_CLOEXEC = 0x80000;
    int EFD_CLOEXEC = 0x80000;
    int EFD_NONBLOCK = 0x800;
    short POLLIN = 0x1;
    int SIZEOF_POLLFD = 8;

    int EPERM = 1;
    int ENOENT = 2;
    int EINTR = 4;
    int ENXIO = 6;
    int EACCES = 13;
    int ENODEV = 19;
    int ENOTTY = 25;

    int open(String path, int flags) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    /** ioctl(2) is variadic; on the supported ABIs (x86-64, aarch64) a fixed pointer argument is passed alike. */
    int ioctl(int fd, NativeLong request, Pointer argument) throws LastErrorException;

    int poll(Pointer fds, NativeLong count, int timeoutMillis) throws LastErrorException;

    int eventfd(int initialValue, int flags) throws LastErrorException;

    NativeLong read(int fd, Pointer buffer, NativeLong count) throws LastErrorException;

    NativeLong write(int fd, Pointer buffer, NativeLong count) throws LastErrorException;

    static LibC load() {
        return Native.load("c", LibC.class);
    }
}

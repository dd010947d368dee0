package org.mpathbus.control.multipathd.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/** The libc calls a Unix stream socket needs (Linux, x86-64 and aarch64 values). Failures are LastErrorException (errno). */
interface SocketLibC extends Library {

    int AF_UNIX = 1;
    int SOCK_STREAM = 1;
    int SOCK_NONBLOCK = 0x800;
    int SOCK_CLOEXEC = 0x80000;
    /** A peer that closed must not raise SIGPIPE in the JVM. */
    int MSG_NOSIGNAL = 0x4000;
    short POLLIN = 0x1;
    short POLLOUT = 0x4;
    short POLLERR = 0x8;
    short POLLHUP = 0x10;
    int SIZEOF_POLLFD = 8;
    /** sockaddr_un: sa_family_t, then sun_path[108]. */
    int SIZEOF_SOCKADDR_UN = 110;

    int ENOENT = 2;
    int EINTR = 4;
    int EAGAIN = 11;
    int EACCES = 13;
    int ECONNREFUSED = 111;
    int EINPROGRESS = 115;

    int socket(int domain, int type, int protocol) throws LastErrorException;

    int connect(int fd, Pointer address, int length) throws LastErrorException;

    int getsockopt(int fd, int level, int name, Pointer value, Pointer length) throws LastErrorException;

    NativeLong send(int fd, Pointer buffer, NativeLong count, int flags) throws LastErrorException;

    NativeLong recv(int fd, Pointer buffer, NativeLong count, int flags) throws LastErrorException;

    int poll(Pointer fds, NativeLong count, int timeoutMillis) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    static SocketLibC load() {
        return Native.load("c", SocketLibC.class);
    }
}

package org.mpathbus.control.multipathd.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * The libc calls of the bundle: a Unix stream socket to multipathd and the wwids file's open file description
 * lock (Linux, x86-64 and aarch64 values). Failures are LastErrorException (errno).
 */
interface LibC extends Library {

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
    int O_RDWR = 0x2;
    int O_NOFOLLOW = 0x20000;
    int O_CLOEXEC = 0x80000;
    /** fcntl commands of open file description locks (Linux 3.15). */
    int F_OFD_SETLK = 37;
    short F_WRLCK = 1;
    short SEEK_SET = 0;
    /** struct flock: short l_type, short l_whence, off_t l_start at 8, off_t l_len at 16, pid_t l_pid at 24. */
    int SIZEOF_FLOCK = 32;
    int OFFSET_START = 8;
    int OFFSET_LEN = 16;
    int OFFSET_PID = 24;

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

    int open(String path, int flags) throws LastErrorException;

    int fcntl(int fd, int command, Pointer flock) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    static LibC load() {
        return Native.load("c", LibC.class);
    }
}

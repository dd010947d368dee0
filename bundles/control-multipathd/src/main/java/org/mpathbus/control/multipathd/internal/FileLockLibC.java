package org.mpathbus.control.multipathd.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/** The libc calls of an open file description lock (Linux, x86-64 and aarch64 values). Failures are LastErrorException. */
interface FileLockLibC extends Library {

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

    int EINTR = 4;
    int EAGAIN = 11;
    int EACCES = 13;

    int open(String path, int flags) throws LastErrorException;

    int fcntl(int fd, int command, Pointer flock) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    static FileLockLibC load() {
        return Native.load("c", FileLockLibC.class);
    }
}

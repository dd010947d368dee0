package org.mpathbus.control.multipathd.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;

/**
 * The write lock on a wwids file, as multipath(8) and multipathd take it (libmultipath's lock_file: fcntl
 * F_WRLCK over the whole file), held by one call of this process at a time.
 * <p>
 * It is an open file description lock (F_OFD_SETLK) on a descriptor of its own: a classic fcntl lock, as
 * FileChannel's, belongs to the process and is dropped when the process closes any descriptor of the file
 * (another call's, the config bundle's read), letting multipath in while we still write. An OFD lock goes
 * only with its own description, and conflicts with classic locks, so multipath still waits for it.
 * Calls of this process wait their turn on a fair in-process lock per file first, then for other processes.
 */
final class WwidsLock {

    private static final long RETRY_MILLIS = 10;
    private static final ConcurrentHashMap<Path, ReentrantLock> HOLDERS = new ConcurrentHashMap<>();
    private static final LibC LIBC = LibC.load();

    private WwidsLock() {
    }

    /** The lock on {@code file} (which exists), null when it was still held elsewhere at the deadline. */
    static Held acquire(Path file, Deadline deadline) throws IOException {
        ReentrantLock holder = HOLDERS.computeIfAbsent(file.toAbsolutePath().normalize(), p -> new ReentrantLock(true));
        try {
            if (!holder.tryLock(deadline.remainingMillis(), TimeUnit.MILLISECONDS)) {
                return null;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for the lock", e);
        }
        try {
            int fd = open(file);
            try {
                if (lockOrWait(fd, deadline)) {
                    return new Held(holder, fd);
                }
            } catch (IOException | RuntimeException e) {
                LIBC.close(fd);
                throw e;
            }
            LIBC.close(fd);
            holder.unlock();
            return null;
        } catch (IOException | RuntimeException e) {
            holder.unlock();
            throw e;
        }
    }

    private static int open(Path file) throws IOException {
        try {
            return LIBC.open(file.toString(), LibC.O_RDWR | LibC.O_NOFOLLOW | LibC.O_CLOEXEC);
        } catch (LastErrorException e) {
            throw new IOException("cannot open " + file + " to lock it: errno " + e.getErrorCode(), e);
        }
    }

    private static boolean lockOrWait(int fd, Deadline deadline) throws IOException {
        while (true) {
            try {
                fcntl(fd, LibC.F_WRLCK);
                return true;
            } catch (LastErrorException e) {
                int errno = e.getErrorCode();
                if (errno != LibC.EAGAIN && errno != LibC.EACCES && errno != LibC.EINTR) {
                    throw new IOException("fcntl(F_OFD_SETLK) failed: errno " + errno, e);
                }
            }
            if (deadline.expired()) {
                return false;
            }
            try {
                Thread.sleep(Math.max(1, Math.min(RETRY_MILLIS, deadline.remainingMillis())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted waiting for the lock", e);
            }
        }
    }

    private static void fcntl(int fd, short type) {
        Memory flock = new Memory(LibC.SIZEOF_FLOCK);
        flock.clear();
        flock.setShort(0, type);
        flock.setShort(2, LibC.SEEK_SET);
        flock.setLong(LibC.OFFSET_START, 0);
        // length 0: to the end of the file, however it grows; l_pid must be 0 for an OFD lock
        flock.setLong(LibC.OFFSET_LEN, 0);
        flock.setInt(LibC.OFFSET_PID, 0);
        LIBC.fcntl(fd, LibC.F_OFD_SETLK, flock);
    }

    /** The lock while held: closing its descriptor releases it, for other processes and then for this one. */
    static final class Held implements AutoCloseable {
        private final ReentrantLock holder;
        private final int fd;

        private Held(ReentrantLock holder, int fd) {
            this.holder = holder;
            this.fd = fd;
        }

        @Override
        public void close() {
            try {
                LIBC.close(fd);
            } finally {
                holder.unlock();
            }
        }
    }
}

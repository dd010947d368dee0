package org.mpathbus.control.multipathd.internal;

import java.io.IOException;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.NativeLong;

/**
 * One non-blocking Unix stream socket through libc, so that an abstract address can be reached (JDK 17's
 * UnixDomainSocketAddress takes file names only) and every wait is a poll(2) bounded by the caller's
 * deadline. One class for both kinds of address, so the file socket gets the same deadline handling.
 * Not thread-safe: one call owns it.
 */
final class UnixSocket implements AutoCloseable {

    private static final LibC LIBC = LibC.load();
    /** Between connect attempts while the listener's backlog is full (connect says EAGAIN). */
    private static final int BACKLOG_RETRY_MILLIS = 10;

    private final int fd;
    private final Endpoint endpoint;
    private boolean closed;

    private UnixSocket(int fd, Endpoint endpoint) {
        this.fd = fd;
        this.endpoint = endpoint;
    }

    /**
     * Connects within the deadline.
     *
     * @throws Unreachable when nobody listens there (or we may not connect)
     * @throws NoReplyInTime when the deadline passed first
     */
    static UnixSocket connect(Endpoint endpoint, Deadline deadline) throws IOException {
        int fd;
        try {
            fd = LIBC.socket(LibC.AF_UNIX, LibC.SOCK_STREAM | LibC.SOCK_NONBLOCK
                    | LibC.SOCK_CLOEXEC, 0);
        } catch (LastErrorException e) {
            throw new IOException("cannot create a Unix socket: errno " + e.getErrorCode(), e);
        }
        UnixSocket socket = new UnixSocket(fd, endpoint);
        try {
            socket.connect(deadline);
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private void connect(Deadline deadline) throws IOException {
        Memory address = endpoint.sockaddr();
        while (true) {
            try {
                LIBC.connect(fd, address, endpoint.sockaddrLength());
                return;
            } catch (LastErrorException e) {
                int errno = e.getErrorCode();
                if (errno == LibC.EINTR) {
                    continue;
                }
                if (errno == LibC.EAGAIN) {
                    if (deadline.expired()) {
                        throw new NoReplyInTime("could not connect to " + endpoint + " within "
                                + deadline.total().toMillis() + " ms (its backlog is full)");
                    }
                    sleep(Math.min(BACKLOG_RETRY_MILLIS, deadline.remainingMillis()));
                    continue;
                }
                if (errno == LibC.EINPROGRESS) {
                    awaitConnected(deadline);
                    return;
                }
                throw new Unreachable("cannot connect to " + endpoint + ": " + describe(errno));
            }
        }
    }

    private void awaitConnected(Deadline deadline) throws IOException {
        await(LibC.POLLOUT, deadline, "connect to");
        Memory error = new Memory(4);
        Memory length = new Memory(4);
        length.setInt(0, 4);
        LIBC.getsockopt(fd, 1 /* SOL_SOCKET */, 4 /* SO_ERROR */, error, length);
        if (error.getInt(0) != 0) {
            throw new Unreachable("cannot connect to " + endpoint + ": " + describe(error.getInt(0)));
        }
    }

    /** Writes all of {@code bytes} within the deadline. */
    void writeFully(byte[] bytes, Deadline deadline) throws IOException {
        Memory buffer = new Memory(bytes.length);
        buffer.write(0, bytes, 0, bytes.length);
        long written = 0;
        while (written < bytes.length) {
            try {
                long n = LIBC.send(fd, buffer.share(written), new NativeLong(bytes.length - written),
                        LibC.MSG_NOSIGNAL).longValue();
                written += n;
            } catch (LastErrorException e) {
                if (e.getErrorCode() == LibC.EAGAIN) {
                    await(LibC.POLLOUT, deadline, "write to");
                } else if (e.getErrorCode() != LibC.EINTR) {
                    throw new IOException("cannot write to " + endpoint + ": " + describe(e.getErrorCode()), e);
                }
            }
        }
    }

    /** Reads exactly {@code count} bytes within the deadline. */
    byte[] readFully(int count, Deadline deadline) throws IOException {
        Memory buffer = new Memory(Math.max(1, count));
        long read = 0;
        while (read < count) {
            try {
                long n = LIBC.recv(fd, buffer.share(read), new NativeLong(count - read), 0).longValue();
                if (n == 0) {
                    throw new IOException(endpoint + " closed the connection after " + read + " of " + count + " bytes");
                }
                read += n;
            } catch (LastErrorException e) {
                if (e.getErrorCode() == LibC.EAGAIN) {
                    await(LibC.POLLIN, deadline, "read from");
                } else if (e.getErrorCode() != LibC.EINTR) {
                    throw new IOException("cannot read from " + endpoint + ": " + describe(e.getErrorCode()), e);
                }
            }
        }
        return buffer.getByteArray(0, count);
    }

    /** Waits in poll(2) until the socket is ready for {@code events} (or has an error to report), within the deadline. */
    private void await(short events, Deadline deadline, String what) throws IOException {
        Memory pollfd = new Memory(LibC.SIZEOF_POLLFD);
        while (true) {
            int wait = deadline.remainingMillis();
            if (wait == 0) {
                throw new NoReplyInTime("could not " + what + " " + endpoint + " within " + deadline.total().toMillis()
                        + " ms");
            }
            pollfd.setInt(0, fd);
            pollfd.setShort(4, events);
            pollfd.setShort(6, (short) 0);
            try {
                if (LIBC.poll(pollfd, new NativeLong(1), wait) > 0) {
                    return; // ready, or an error or hang-up that the next call reports
                }
            } catch (LastErrorException e) {
                if (e.getErrorCode() != LibC.EINTR) {
                    throw new IOException("poll on " + endpoint + ": " + describe(e.getErrorCode()), e);
                }
            }
        }
    }

    private static String describe(int errno) {
        return switch (errno) {
            case LibC.ENOENT -> "no such socket (ENOENT)";
            case LibC.ECONNREFUSED -> "nobody listens (ECONNREFUSED)";
            case LibC.EACCES -> "permission denied (EACCES)";
            default -> "errno " + errno;
        };
    }

    private static void sleep(int millis) throws IOException {
        try {
            Thread.sleep(Math.max(1, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                LIBC.close(fd);
            } catch (LastErrorException e) {
                // the descriptor is released whatever close says
            }
        }
    }

    /** Nobody answers at that address: multipathd is not running, or its socket refuses us. */
    static final class Unreachable extends IOException {
        private static final long serialVersionUID = 1L;

        Unreachable(String message) {
            super(message);
        }
    }

    /** The caller's deadline passed before the exchange was done. */
    static final class NoReplyInTime extends IOException {
        private static final long serialVersionUID = 1L;

        NoReplyInTime(String message) {
            super(message);
        }
    }
}

package org.mpathbus.checker.support;

import com.sun.jna.LastErrorException;

/** A failed system call: which call on which file, and the errno with its text. */
public final class ErrnoException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int errno;

    public ErrnoException(String call, String file, int errno, String errnoText) {
        super(call + " " + file + ": " + errnoText + " (errno " + errno + ")");
        this.errno = errno;
    }

    public static ErrnoException of(String call, String file, LastErrorException cause) {
        int errno = cause.getErrorCode();
        return new ErrnoException(call, file, errno, LibC.strerror(errno));
    }

    public int errno() {
        return errno;
    }
}

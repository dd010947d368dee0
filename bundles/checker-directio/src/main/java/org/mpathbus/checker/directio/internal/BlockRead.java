package org.mpathbus.checker.directio.internal;

import org.mpathbus.checker.support.ErrnoException;

/** Reads the first block of a device. */
interface BlockRead {

    /** The number of bytes one check reads. */
    int blockSize();

    /** Reads {@link #blockSize()} bytes at offset 0; returns how many arrived. */
    int readFirstBlock() throws ErrnoException;
}

package org.mpathbus.checker.tur.internal;

import org.mpathbus.checker.support.ErrnoException;

/** Sends one TEST UNIT READY to a device and returns the kernel's answer. */
interface TurCommand {

    /**
     * @param timeoutMillis how long the kernel waits for the device before it aborts the command
     * @throws ErrnoException when the SG_IO ioctl itself fails (no SCSI answer at all)
     */
    SgIoResult send(int timeoutMillis) throws ErrnoException;
}

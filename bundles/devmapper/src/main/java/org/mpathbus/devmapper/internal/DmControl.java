package org.mpathbus.devmapper.internal;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.mpathbus.api.DeviceNumber;

/** The device-mapper control device, as the readers need it. One instance per open control file. */
interface DmControl extends AutoCloseable {

    /** The kernel's dm ioctl interface version: major, minor, patch. */
    int[] version();

    /** Every dm device with its event number (DM_LIST_DEVICES). */
    List<DmDevice> listDevices() throws IOException;

    /**
     * The device's table (DM_TABLE_STATUS with DM_STATUS_TABLE_FLAG) or status; empty when the device
     * vanished meanwhile.
     */
    Optional<DmTargets> readTargets(DeviceNumber device, boolean table) throws IOException;

    /** DM_DEV_ARM_POLL: the next dm event after this call makes {@link #awaitEvent} return true. */
    void armPoll() throws IOException;

    /**
     * Waits until a dm event since the last {@link #armPoll}, {@link #wakeUp}, or the timeout.
     *
     * @return true on a dm event
     */
    boolean awaitEvent(long timeoutMillis) throws IOException;

    /** Makes a waiting {@link #awaitEvent} return now; safe from any thread. */
    void wakeUp();

    @Override
    void close();
}

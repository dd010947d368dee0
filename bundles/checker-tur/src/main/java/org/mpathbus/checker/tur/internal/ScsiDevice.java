package org.mpathbus.checker.tur.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;

/**
 * An open SCSI block device with the native memory for its SG_IO requests, allocated once and reused.
 *
 * <p>struct sg_io_hdr as laid out by gcc on x86-64 (88 bytes), from &lt;scsi/sg.h&gt;; the offsets were
 * printed with offsetof() and are cross-checked in the tests against JNA's own layout of the same struct.
 */
final class ScsiDevice implements TurCommand {

    static final long SG_IO = 0x2285;
    static final int SG_INTERFACE_ID_SCSI = 'S';
    static final int SG_DXFER_NONE = -1;

    static final int HEADER_SIZE = 88;
    static final int OFFSET_INTERFACE_ID = 0;
    static final int OFFSET_DXFER_DIRECTION = 4;
    static final int OFFSET_CMD_LEN = 8;
    static final int OFFSET_MX_SB_LEN = 9;
    static final int OFFSET_CMDP = 24;
    static final int OFFSET_SBP = 32;
    static final int OFFSET_TIMEOUT = 40;
    static final int OFFSET_STATUS = 64;
    static final int OFFSET_MASKED_STATUS = 65;
    static final int OFFSET_SB_LEN_WR = 67;
    static final int OFFSET_HOST_STATUS = 68;
    static final int OFFSET_DRIVER_STATUS = 70;
    static final int OFFSET_DURATION = 76;
    static final int OFFSET_INFO = 80;

    static final int TUR_CDB_LENGTH = 6;
    static final int SENSE_LENGTH = 32;

    private final String node;
    private final int fd;
    private final Memory header = new Memory(HEADER_SIZE);
    private final Memory cdb = new Memory(TUR_CDB_LENGTH);
    private final Memory sense = new Memory(SENSE_LENGTH);

    ScsiDevice(String node, int fd) {
        this.node = node;
        this.fd = fd;
        cdb.clear(); // TEST UNIT READY: operation code 0x00 and five zero bytes
    }

    @Override
    public SgIoResult send(int timeoutMillis) throws ErrnoException {
        header.clear();
        sense.clear();
        header.setInt(OFFSET_INTERFACE_ID, SG_INTERFACE_ID_SCSI);
        header.setInt(OFFSET_DXFER_DIRECTION, SG_DXFER_NONE);
        header.setByte(OFFSET_CMD_LEN, (byte) TUR_CDB_LENGTH);
        header.setByte(OFFSET_MX_SB_LEN, (byte) SENSE_LENGTH);
        header.setPointer(OFFSET_CMDP, cdb);
        header.setPointer(OFFSET_SBP, sense);
        header.setInt(OFFSET_TIMEOUT, timeoutMillis);
        try {
            LibC.ioctl(fd, SG_IO, header);
        } catch (LastErrorException e) {
            throw ErrnoException.of("SG_IO on", node, e);
        }
        int senseLength = Math.min(header.getByte(OFFSET_SB_LEN_WR) & 0xff, SENSE_LENGTH);
        return new SgIoResult(header.getByte(OFFSET_STATUS) & 0xff, header.getByte(OFFSET_MASKED_STATUS) & 0xff,
                header.getShort(OFFSET_HOST_STATUS) & 0xffff, header.getShort(OFFSET_DRIVER_STATUS) & 0xffff,
                header.getInt(OFFSET_INFO), sense.getByteArray(0, senseLength), header.getInt(OFFSET_DURATION));
    }

    int fd() {
        return fd;
    }

    String node() {
        return node;
    }
}

package org.mpathbus.checker.tur.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;

import org.mpathbus.checker.support.DeviceNode;
import org.mpathbus.checker.support.ErrnoException;
import org.mpathbus.checker.support.LibC;

/**
 * An open SCSI block device with the native memory for its SG_IO requests, allocated once and reused.
 *
 * <p>struct sg_io_hdr as laid out by gcc on x86-64 (88 bytes), from &lt;scsi/sg.h&gt;; the offsets were
 * printed with offsetof() and are cross-checked in the tests against JNA's own layout of the same struct.
 */
final class ScsiDevice extends DeviceNode implements TurCommand {

    static final long SG_IO = 0x2285;
    static final int SG_INTERFACE_ID_SCSI = 'S';
    static final int SG_DXFER_NONE = -1;
    /** SG_IO's errno on a file that is no SCSI device (from glibc's headers, x86-64). */
    static final int ENOTTY = 25;

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

    private final Memory header = new Memory(HEADER_SIZE);
    private final Memory cdb = new Memory(TUR_CDB_LENGTH);
    private final Memory sense = new Memory(SENSE_LENGTH);
    // Views of the same native memory: their accessors are plain memory access, where each Memory.setX or
    // getX is a JNI call; one check then costs a single native call, the ioctl.
    private final ByteBuffer headerView = header.getByteBuffer(0, HEADER_SIZE).order(ByteOrder.nativeOrder());
    private final ByteBuffer senseView = sense.getByteBuffer(0, SENSE_LENGTH);
    private final byte[] request = new byte[HEADER_SIZE];

    ScsiDevice(String node, int fd) {
        super(node, fd);
        cdb.clear(); // TEST UNIT READY: operation code 0x00 and five zero bytes
        header.clear();
        headerView.putInt(OFFSET_INTERFACE_ID, SG_INTERFACE_ID_SCSI);
        headerView.putInt(OFFSET_DXFER_DIRECTION, SG_DXFER_NONE);
        headerView.put(OFFSET_CMD_LEN, (byte) TUR_CDB_LENGTH);
        headerView.put(OFFSET_MX_SB_LEN, (byte) SENSE_LENGTH);
        headerView.putLong(OFFSET_CMDP, Pointer.nativeValue(cdb));
        headerView.putLong(OFFSET_SBP, Pointer.nativeValue(sense));
        headerView.get(0, request); // every request starts from this image; the kernel writes the outputs
    }

    @Override
    public SgIoResult send(int timeoutMillis) throws ErrnoException {
        headerView.put(0, request);
        headerView.putInt(OFFSET_TIMEOUT, timeoutMillis);
        try {
            LibC.ioctl(fd(), SG_IO, header);
        } catch (LastErrorException e) {
            throw ErrnoException.of("SG_IO on", node(), e);
        }
        return answer();
    }

    /** The output fields the kernel wrote into the header and sense buffer. */
    SgIoResult answer() {
        // only the sb_len_wr bytes the kernel wrote are read, so the sense buffer needs no clearing
        byte[] senseBytes = new byte[Math.min(headerView.get(OFFSET_SB_LEN_WR) & 0xff, SENSE_LENGTH)];
        senseView.get(0, senseBytes);
        return new SgIoResult(headerView.get(OFFSET_STATUS) & 0xff, headerView.get(OFFSET_MASKED_STATUS) & 0xff,
                headerView.getShort(OFFSET_HOST_STATUS) & 0xffff, headerView.getShort(OFFSET_DRIVER_STATUS) & 0xffff,
                headerView.getInt(OFFSET_INFO), senseBytes, headerView.getInt(OFFSET_DURATION));
    }

    /** The native sg_io_hdr, for tests that play the kernel's part. */
    Pointer header() {
        return header;
    }
}

package org.mpathbus.checker.tur.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

import org.junit.Test;
import org.mpathbus.checker.support.ErrnoException;
import org.mpathbus.checker.support.LibC;

/**
 * ScsiDevice writes struct sg_io_hdr by hand-written offsets (taken from gcc's offsetof on x86-64). JNA
 * lays out the same C declaration by its own alignment rules; both must agree.
 */
public class SgIoHeaderTest {

    @Structure.FieldOrder({"interface_id", "dxfer_direction", "cmd_len", "mx_sb_len", "iovec_count", "dxfer_len",
        "dxferp", "cmdp", "sbp", "timeout", "flags", "pack_id", "usr_ptr", "status", "masked_status", "msg_status",
        "sb_len_wr", "host_status", "driver_status", "resid", "duration", "info"})
    public static class SgIoHdr extends Structure {
        public int interface_id;
        public int dxfer_direction;
        public byte cmd_len;
        public byte mx_sb_len;
        public short iovec_count;
        public int dxfer_len;
        public Pointer dxferp;
        public Pointer cmdp;
        public Pointer sbp;
        public int timeout;
        public int flags;
        public int pack_id;
        public Pointer usr_ptr;
        public byte status;
        public byte masked_status;
        public byte msg_status;
        public byte sb_len_wr;
        public short host_status;
        public short driver_status;
        public int resid;
        public int duration;
        public int info;

        public SgIoHdr() {
        }

        public SgIoHdr(Pointer memory) {
            super(memory);
            read();
        }

        int offsetOf(String field) {
            return fieldOffset(field);
        }
    }

    @Test
    public void requestCarriesTestUnitReadyAsSgHDescribesIt() {
        ScsiDevice device = new ScsiDevice("/dev/closed", -1);
        try {
            device.send(1234);
            fail("SG_IO on fd -1 succeeded");
        } catch (ErrnoException e) {
            assertEquals(LibC.EBADF, e.errno());
        }
        SgIoHdr request = new SgIoHdr(device.header());
        assertEquals('S', request.interface_id);
        assertEquals(-1, request.dxfer_direction);
        assertEquals(6, request.cmd_len);
        assertEquals(32, request.mx_sb_len);
        assertEquals(0, request.dxfer_len);
        assertEquals(1234, request.timeout);
        assertArrayEquals(new byte[6], request.cmdp.getByteArray(0, 6));
        assertEquals(0, request.flags);
    }

    @Test
    public void answerIsReadFromTheFieldsTheKernelWrites() {
        ScsiDevice device = new ScsiDevice("/dev/closed", -1);
        SgIoHdr kernel = new SgIoHdr(device.header());
        kernel.status = 0x02;
        kernel.masked_status = 0x01;
        kernel.host_status = 0x07;
        kernel.driver_status = 0x08;
        kernel.info = 1;
        kernel.duration = 42;
        kernel.sb_len_wr = 4;
        kernel.write();
        kernel.sbp.write(0, new byte[] {0x72, 0x02, 0x04, 0x0b, 0x55}, 0, 5);

        SgIoResult answer = device.answer();
        assertEquals(0x02, answer.status());
        assertEquals(0x01, answer.maskedStatus());
        assertEquals(0x07, answer.hostStatus());
        assertEquals(0x08, answer.driverStatus());
        assertEquals(1, answer.info());
        assertEquals(42, answer.durationMillis());
        assertArrayEquals(new byte[] {0x72, 0x02, 0x04, 0x0b}, answer.sense());
    }

    @Test
    public void handWrittenOffsetsMatchJnaLayoutOfTheCStruct() {
        SgIoHdr jna = new SgIoHdr();
        assertEquals(ScsiDevice.HEADER_SIZE, jna.size());
        assertEquals(ScsiDevice.OFFSET_INTERFACE_ID, jna.offsetOf("interface_id"));
        assertEquals(ScsiDevice.OFFSET_DXFER_DIRECTION, jna.offsetOf("dxfer_direction"));
        assertEquals(ScsiDevice.OFFSET_CMD_LEN, jna.offsetOf("cmd_len"));
        assertEquals(ScsiDevice.OFFSET_MX_SB_LEN, jna.offsetOf("mx_sb_len"));
        assertEquals(ScsiDevice.OFFSET_CMDP, jna.offsetOf("cmdp"));
        assertEquals(ScsiDevice.OFFSET_SBP, jna.offsetOf("sbp"));
        assertEquals(ScsiDevice.OFFSET_TIMEOUT, jna.offsetOf("timeout"));
        assertEquals(ScsiDevice.OFFSET_STATUS, jna.offsetOf("status"));
        assertEquals(ScsiDevice.OFFSET_MASKED_STATUS, jna.offsetOf("masked_status"));
        assertEquals(ScsiDevice.OFFSET_SB_LEN_WR, jna.offsetOf("sb_len_wr"));
        assertEquals(ScsiDevice.OFFSET_HOST_STATUS, jna.offsetOf("host_status"));
        assertEquals(ScsiDevice.OFFSET_DRIVER_STATUS, jna.offsetOf("driver_status"));
        assertEquals(ScsiDevice.OFFSET_DURATION, jna.offsetOf("duration"));
        assertEquals(ScsiDevice.OFFSET_INFO, jna.offsetOf("info"));
    }
}

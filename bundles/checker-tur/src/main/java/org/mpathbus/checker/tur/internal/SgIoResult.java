package org.mpathbus.checker.tur.internal;

/**
 * The output fields of one SG_IO request (struct sg_io_hdr in &lt;scsi/sg.h&gt;), copied out of native memory.
 *
 * @param status the SCSI status byte as the target sent it (CHECK CONDITION is 0x02)
 * @param maskedStatus the kernel's shifted and masked status ((status &gt;&gt; 1) &amp; 0x7f)
 * @param hostStatus the host adapter's verdict (DID_* codes)
 * @param driverStatus the low-level driver's verdict (DRIVER_* codes; DRIVER_SENSE is 0x08)
 * @param info SG_INFO_* bits; bit 0 set means something other than success happened
 * @param sense the sense bytes the device returned (sb_len_wr of them), possibly none
 * @param durationMillis how long the command took, as the kernel measured it
 */
record SgIoResult(int status, int maskedStatus, int hostStatus, int driverStatus, int info, byte[] sense,
        int durationMillis) {

    static final int SG_INFO_OK_MASK = 0x1;

    SgIoResult {
        sense = sense.clone();
    }

    @Override
    public byte[] sense() {
        return sense.clone();
    }

    boolean isOk() {
        return (info & SG_INFO_OK_MASK) == 0;
    }
}

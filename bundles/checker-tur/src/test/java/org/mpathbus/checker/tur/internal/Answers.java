package org.mpathbus.checker.tur.internal;

/** SG_IO answers as the kernel fills them in, built from raw bytes for the decoder tests. */
final class Answers {

    static final int CHECK_CONDITION = 0x02;
    static final int DRIVER_SENSE = 0x08;

    private Answers() {
    }

    static SgIoResult good() {
        return new SgIoResult(0, 0, 0, 0, 0, new byte[0], 1);
    }

    static SgIoResult checkCondition(byte[] sense) {
        return new SgIoResult(CHECK_CONDITION, CHECK_CONDITION >> 1, 0, DRIVER_SENSE, 1, sense, 1);
    }

    static SgIoResult hostError(int hostStatus) {
        return new SgIoResult(0, 0, hostStatus, 0, 1, new byte[0], 1);
    }

    static SgIoResult status(int status) {
        return new SgIoResult(status, status >> 1, 0, 0, 1, new byte[0], 1);
    }

    /** Fixed format, current error: 18 bytes, sense key in byte 2, ASC/ASCQ in bytes 12/13. */
    static byte[] fixed(int key, int asc, int ascq) {
        byte[] sense = new byte[18];
        sense[0] = (byte) 0xf0; // valid bit set, response code 0x70
        sense[2] = (byte) key;
        sense[7] = 10; // additional sense length
        sense[12] = (byte) asc;
        sense[13] = (byte) ascq;
        return sense;
    }

    /** Descriptor format, current error: 8 bytes, key/ASC/ASCQ in bytes 1/2/3, no descriptors. */
    static byte[] descriptor(int key, int asc, int ascq) {
        return new byte[] {0x72, (byte) key, (byte) asc, (byte) ascq, 0, 0, 0, 0};
    }
}

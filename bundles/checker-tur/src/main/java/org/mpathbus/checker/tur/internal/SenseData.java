package org.mpathbus.checker.tur.internal;

/**
 * The three numbers that say what a SCSI device complained about, from either sense format (SPC-4 4.5):
 * fixed (response code 0x70 current, 0x71 deferred) or descriptor (0x72 current, 0x73 deferred).
 *
 * @param key the sense key (2 not ready, 5 illegal request, 6 unit attention, ...)
 * @param asc the additional sense code
 * @param ascq the additional sense code qualifier
 */
record SenseData(int key, int asc, int ascq) {

    static final int NO_SENSE = 0x0;
    static final int NOT_READY = 0x2;
    static final int ILLEGAL_REQUEST = 0x5;
    static final int UNIT_ATTENTION = 0x6;

    /** No usable sense: none was returned, or it was too short or of an unknown format. */
    static final SenseData NONE = new SenseData(NO_SENSE, 0, 0);

    /**
     * Reads sense bytes as multipath-tools does: descriptor format needs 4 bytes, fixed format 14 (ASC
     * and ASCQ are bytes 12 and 13); anything else gives {@link #NONE}.
     */
    static SenseData parse(byte[] sense) {
        if (sense.length < 4) {
            return NONE;
        }
        int responseCode = sense[0] & 0x7f;
        if (responseCode == 0x72 || responseCode == 0x73) {
            return new SenseData(sense[1] & 0x0f, sense[2] & 0xff, sense[3] & 0xff);
        }
        if ((responseCode == 0x70 || responseCode == 0x71) && sense.length >= 14) {
            return new SenseData(sense[2] & 0x0f, sense[12] & 0xff, sense[13] & 0xff);
        }
        return NONE;
    }

    boolean isPresent() {
        return !equals(NONE);
    }

    boolean is(int senseKey, int code, int qualifier) {
        return key == senseKey && asc == code && ascq == qualifier;
    }

    /** "not ready: logical unit not ready, cause not reportable (sense 2/04/00)". */
    String describe() {
        return ScsiText.senseKey(key) + ": " + ScsiText.additionalSense(asc, ascq)
                + String.format(" (sense %x/%02x/%02x)", key, asc, ascq);
    }
}

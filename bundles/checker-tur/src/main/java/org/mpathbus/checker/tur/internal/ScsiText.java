package org.mpathbus.checker.tur.internal;

import java.util.Map;

/**
 * Words for SCSI codes, so that a checker message reads as a sentence. Sense keys and additional sense
 * codes follow SPC-4; host status codes are Linux's DID_* (include/scsi/scsi_status.h).
 */
final class ScsiText {

    static final int DID_OK = 0x00;
    static final int DID_NO_CONNECT = 0x01;
    static final int DID_TIME_OUT = 0x03;
    static final int DID_BAD_TARGET = 0x04;
    static final int DID_ABORT = 0x05;
    static final int DID_TRANSPORT_FAILFAST = 0x0f;

    static final int DRIVER_TIMEOUT = 0x06;

    private static final String[] SENSE_KEYS = {
        "no sense", "recovered error", "not ready", "medium error", "hardware error", "illegal request",
        "unit attention", "data protect", "blank check", "vendor specific", "copy aborted", "aborted command",
        "reserved sense key 0xc", "volume overflow", "miscompare", "completed",
    };

    private static final Map<Integer, String> ADDITIONAL_SENSE = Map.ofEntries(
            Map.entry(0x0000, "no additional sense information"),
            Map.entry(0x0400, "logical unit not ready, cause not reportable"),
            Map.entry(0x0401, "logical unit is becoming ready"),
            Map.entry(0x0402, "logical unit not ready, initializing command required"),
            Map.entry(0x0403, "logical unit not ready, manual intervention required"),
            Map.entry(0x040a, "ALUA state transition"),
            Map.entry(0x040b, "ALUA standby"),
            Map.entry(0x040c, "ALUA unavailable"),
            Map.entry(0x0412, "logical unit offline"),
            Map.entry(0x2000, "invalid command operation code"),
            Map.entry(0x2500, "logical unit not supported"),
            Map.entry(0x2900, "power on, reset, or bus device reset occurred"),
            Map.entry(0x2a01, "mode parameters changed"),
            Map.entry(0x2a06, "asymmetric access state changed"),
            Map.entry(0x2a09, "capacity data has changed"),
            Map.entry(0x3a00, "medium not present"),
            Map.entry(0x3e01, "logical unit failure"),
            Map.entry(0x3f0e, "reported LUNs data has changed"),
            Map.entry(0x4400, "internal target failure"));

    private static final String[] HOST_STATUS = {
        "OK", "could not connect (DID_NO_CONNECT)", "bus stayed busy (DID_BUS_BUSY)",
        "timed out (DID_TIME_OUT)", "bad target (DID_BAD_TARGET)", "aborted (DID_ABORT)",
        "parity error (DID_PARITY)", "internal error (DID_ERROR)", "reset (DID_RESET)",
        "unexpected interrupt (DID_BAD_INTR)", "passed through (DID_PASSTHROUGH)",
        "soft error, retry (DID_SOFT_ERROR)", "retry immediately (DID_IMM_RETRY)", "requeue (DID_REQUEUE)",
        "transport disrupted (DID_TRANSPORT_DISRUPTED)", "transport failed fast (DID_TRANSPORT_FAILFAST)",
        "target failure (DID_TARGET_FAILURE)", "nexus failure (DID_NEXUS_FAILURE)",
        "allocation failure (DID_ALLOC_FAILURE)", "medium error (DID_MEDIUM_ERROR)",
        "transport marginal (DID_TRANSPORT_MARGINAL)",
    };

    private static final Map<Integer, String> SCSI_STATUS = Map.of(
            0x00, "GOOD", 0x02, "CHECK CONDITION", 0x04, "CONDITION MET", 0x08, "BUSY",
            0x18, "RESERVATION CONFLICT", 0x28, "TASK SET FULL", 0x30, "ACA ACTIVE", 0x40, "TASK ABORTED");

    private ScsiText() {
    }

    static String senseKey(int key) {
        return SENSE_KEYS[key & 0x0f];
    }

    static String additionalSense(int asc, int ascq) {
        String text = ADDITIONAL_SENSE.get(asc << 8 | ascq);
        return text != null ? text : String.format("additional sense %02x/%02x", asc, ascq);
    }

    static String hostStatus(int hostStatus) {
        return hostStatus >= 0 && hostStatus < HOST_STATUS.length
                ? HOST_STATUS[hostStatus]
                : String.format("host status 0x%02x", hostStatus);
    }

    static String scsiStatus(int status) {
        String text = SCSI_STATUS.get(status & 0xfe);
        return text != null ? text : String.format("SCSI status 0x%02x", status);
    }
}

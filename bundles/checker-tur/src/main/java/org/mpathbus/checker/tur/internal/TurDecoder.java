package org.mpathbus.checker.tur.internal;

import static org.mpathbus.checker.tur.internal.ScsiText.DID_ABORT;
import static org.mpathbus.checker.tur.internal.ScsiText.DID_BAD_TARGET;
import static org.mpathbus.checker.tur.internal.ScsiText.DID_NO_CONNECT;
import static org.mpathbus.checker.tur.internal.ScsiText.DID_OK;
import static org.mpathbus.checker.tur.internal.ScsiText.DID_TIME_OUT;
import static org.mpathbus.checker.tur.internal.ScsiText.DID_TRANSPORT_FAILFAST;
import static org.mpathbus.checker.tur.internal.ScsiText.DRIVER_TIMEOUT;

import org.mpathbus.api.CheckerState;

/**
 * Turns one SG_IO TEST UNIT READY answer into a checker state, with multipath-tools' tur semantics
 * (libmultipath/checkers/tur.c), in the same order:
 * <ol>
 * <li>reservation conflict: up (another initiator holds a SCSI-3 reservation, but the LUN answers);
 * <li>no error bit in info: up;
 * <li>a host adapter error other than no-connect, bad target, abort or fail-fast: retry;
 * <li>sense unit attention: retry; not ready 04/0B: ghost; not ready 04/0A: pending;
 *     illegal request 25/00: disconnected; any other sense or error: down.
 * </ol>
 * One addition: a command the kernel itself timed out (DID_TIME_OUT, DRIVER_TIMEOUT) is "timeout" at
 * once rather than retried: another try would hold a worker for another full timeout.
 */
final class TurDecoder {

    private TurDecoder() {
    }

    static TurVerdict decode(SgIoResult answer) {
        if ((answer.status() & 0x7e) == 0x18) {
            return TurVerdict.of(CheckerState.UP,
                    "reservation conflict: the LUN is reserved by another initiator but answers");
        }
        if (answer.isOk()) {
            return TurVerdict.of(CheckerState.UP, "test unit ready: LUN ready");
        }
        int host = answer.hostStatus();
        if (host == DID_TIME_OUT || (answer.driverStatus() & 0x0f) == DRIVER_TIMEOUT) {
            return TurVerdict.of(CheckerState.TIMEOUT,
                    "test unit ready timed out in the kernel after " + answer.durationMillis() + " ms");
        }
        if (host != DID_OK && host != DID_NO_CONNECT && host != DID_BAD_TARGET && host != DID_ABORT
                && host != DID_TRANSPORT_FAILFAST) {
            return TurVerdict.retry("host adapter: " + ScsiText.hostStatus(host));
        }
        SenseData sense = SenseData.parse(answer.sense());
        switch (sense.key()) {
        case SenseData.UNIT_ATTENTION:
            return TurVerdict.retry("unit attention: " + ScsiText.additionalSense(sense.asc(), sense.ascq()));
        case SenseData.NOT_READY:
            if (sense.is(SenseData.NOT_READY, 0x04, 0x0b)) {
                return TurVerdict.of(CheckerState.GHOST, "not ready: ALUA standby");
            }
            if (sense.is(SenseData.NOT_READY, 0x04, 0x0a)) {
                return TurVerdict.of(CheckerState.PENDING, "not ready: ALUA state transition");
            }
            break;
        case SenseData.ILLEGAL_REQUEST:
            if (sense.is(SenseData.ILLEGAL_REQUEST, 0x25, 0x00)) {
                return TurVerdict.of(CheckerState.DISCONNECTED, "illegal request: logical unit not supported");
            }
            break;
        default:
            break;
        }
        return TurVerdict.of(CheckerState.DOWN, describeFailure(answer, sense));
    }

    /** The most specific words available: the sense, else the host status, else the SCSI status. */
    private static String describeFailure(SgIoResult answer, SenseData sense) {
        if (sense.isPresent()) {
            return sense.describe();
        }
        if (answer.hostStatus() != DID_OK) {
            return "host adapter: " + ScsiText.hostStatus(answer.hostStatus());
        }
        if (answer.status() != 0) {
            return "device answered " + ScsiText.scsiStatus(answer.status()) + " without usable sense";
        }
        return String.format("test unit ready failed: driver status 0x%02x, info 0x%x", answer.driverStatus(),
                answer.info());
    }
}

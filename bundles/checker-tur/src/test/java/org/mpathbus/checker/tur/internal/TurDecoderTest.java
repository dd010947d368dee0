package org.mpathbus.checker.tur.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.mpathbus.checker.tur.internal.Answers.checkCondition;
import static org.mpathbus.checker.tur.internal.Answers.descriptor;
import static org.mpathbus.checker.tur.internal.Answers.fixed;

import java.util.Arrays;

import org.junit.Test;
import org.mpathbus.api.CheckerState;

/** One test per row of multipath-tools' TUR table, each in both sense formats. */
public class TurDecoderTest {

    @Test
    public void goodStatusIsUp() {
        assertVerdict(CheckerState.UP, "test unit ready: LUN ready", false, Answers.good());
    }

    @Test
    public void reservationConflictIsUp() {
        TurVerdict verdict = TurDecoder.decode(Answers.status(0x18));
        assertEquals(CheckerState.UP, verdict.state());
        assertTrue(verdict.message(), verdict.message().startsWith("reservation conflict"));
    }

    @Test
    public void unitAttentionIsRetriedFixedFormat() {
        assertVerdict(CheckerState.DOWN, "unit attention: power on, reset, or bus device reset occurred", true,
                checkCondition(fixed(0x6, 0x29, 0x00)));
    }

    @Test
    public void unitAttentionIsRetriedDescriptorFormat() {
        assertVerdict(CheckerState.DOWN, "unit attention: asymmetric access state changed", true,
                checkCondition(descriptor(0x6, 0x2a, 0x06)));
    }

    @Test
    public void aluaStandbyIsGhostFixedFormat() {
        assertVerdict(CheckerState.GHOST, "not ready: ALUA standby", false, checkCondition(fixed(0x2, 0x04, 0x0b)));
    }

    @Test
    public void aluaStandbyIsGhostDescriptorFormat() {
        assertVerdict(CheckerState.GHOST, "not ready: ALUA standby", false,
                checkCondition(descriptor(0x2, 0x04, 0x0b)));
    }

    @Test
    public void aluaTransitionIsPendingFixedFormat() {
        assertVerdict(CheckerState.PENDING, "not ready: ALUA state transition", false,
                checkCondition(fixed(0x2, 0x04, 0x0a)));
    }

    @Test
    public void aluaTransitionIsPendingDescriptorFormat() {
        assertVerdict(CheckerState.PENDING, "not ready: ALUA state transition", false,
                checkCondition(descriptor(0x2, 0x04, 0x0a)));
    }

    @Test
    public void logicalUnitNotSupportedIsDisconnectedFixedFormat() {
        assertVerdict(CheckerState.DISCONNECTED, "illegal request: logical unit not supported", false,
                checkCondition(fixed(0x5, 0x25, 0x00)));
    }

    @Test
    public void logicalUnitNotSupportedIsDisconnectedDescriptorFormat() {
        assertVerdict(CheckerState.DISCONNECTED, "illegal request: logical unit not supported", false,
                checkCondition(descriptor(0x5, 0x25, 0x00)));
    }

    @Test
    public void otherSenseIsDownFixedFormat() {
        assertVerdict(CheckerState.DOWN, "not ready: logical unit not ready, manual intervention required (sense 2/04/03)",
                false, checkCondition(fixed(0x2, 0x04, 0x03)));
    }

    @Test
    public void otherSenseIsDownDescriptorFormat() {
        assertVerdict(CheckerState.DOWN, "hardware error: internal target failure (sense 4/44/00)", false,
                checkCondition(descriptor(0x4, 0x44, 0x00)));
    }

    @Test
    public void otherIllegalRequestIsDown() {
        assertVerdict(CheckerState.DOWN, "illegal request: invalid command operation code (sense 5/20/00)", false,
                checkCondition(fixed(0x5, 0x20, 0x00)));
    }

    @Test
    public void unknownAdditionalSenseIsNamedByItsCodes() {
        assertVerdict(CheckerState.DOWN, "medium error: additional sense 11/00 (sense 3/11/00)", false,
                checkCondition(descriptor(0x3, 0x11, 0x00)));
    }

    @Test
    public void deferredErrorsAreDecodedInBothFormats() {
        byte[] deferredFixed = fixed(0x2, 0x04, 0x0b);
        deferredFixed[0] = 0x71;
        byte[] deferredDescriptor = descriptor(0x2, 0x04, 0x0b);
        deferredDescriptor[0] = 0x73;
        assertEquals(CheckerState.GHOST, TurDecoder.decode(checkCondition(deferredFixed)).state());
        assertEquals(CheckerState.GHOST, TurDecoder.decode(checkCondition(deferredDescriptor)).state());
    }

    @Test
    public void truncatedFixedSenseIsIgnored() {
        byte[] truncated = Arrays.copyOf(fixed(0x2, 0x04, 0x0b), 13);
        assertVerdict(CheckerState.DOWN, "device answered CHECK CONDITION without usable sense", false,
                checkCondition(truncated));
    }

    @Test
    public void unknownSenseFormatIsIgnored() {
        byte[] vendor = descriptor(0x2, 0x04, 0x0b);
        vendor[0] = 0x7f;
        assertEquals(CheckerState.DOWN, TurDecoder.decode(checkCondition(vendor)).state());
    }

    @Test
    public void noConnectIsDownWithoutRetry() {
        assertVerdict(CheckerState.DOWN, "host adapter: could not connect (DID_NO_CONNECT)", false,
                Answers.hostError(ScsiText.DID_NO_CONNECT));
    }

    @Test
    public void transientHostErrorIsRetried() {
        assertVerdict(CheckerState.DOWN, "host adapter: transport disrupted (DID_TRANSPORT_DISRUPTED)", true,
                Answers.hostError(0x0e));
    }

    @Test
    public void kernelTimeoutIsTimeout() {
        TurVerdict verdict = TurDecoder.decode(new SgIoResult(0, 0, ScsiText.DID_TIME_OUT, 0, 1, new byte[0], 3000));
        assertEquals(CheckerState.TIMEOUT, verdict.state());
        assertEquals("test unit ready timed out in the kernel after 3000 ms", verdict.message());
        assertFalse(verdict.retryable());
    }

    @Test
    public void busyWithoutSenseIsDown() {
        assertVerdict(CheckerState.DOWN, "device answered BUSY without usable sense", false, Answers.status(0x08));
    }

    private static void assertVerdict(CheckerState state, String message, boolean retryable, SgIoResult answer) {
        TurVerdict verdict = TurDecoder.decode(answer);
        assertEquals(state, verdict.state());
        assertEquals(message, verdict.message());
        assertEquals(retryable, verdict.retryable());
    }
}

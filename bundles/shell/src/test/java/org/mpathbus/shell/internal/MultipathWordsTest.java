package org.mpathbus.shell.internal;

import static org.junit.Assert.assertEquals;

import java.util.List;

import org.junit.Test;
import org.mpathbus.api.CheckerState;

public class MultipathWordsTest {

    @Test
    public void sizesAreRoundedLikeMultipath() {
        assertEquals("16M", MultipathWords.size(16L << 20));
        assertEquals("10G", MultipathWords.size(10L << 30));
        assertEquals("2.0G", MultipathWords.size(2L << 30));
        assertEquals("1.5T", MultipathWords.size(3L << 39));
        assertEquals("0.5K", MultipathWords.size(512));
    }

    @Test
    public void tableFieldsCarryTheirWordCount() {
        assertEquals("0", MultipathWords.features(List.of()));
        assertEquals("3 queue_if_no_path pg_init_retries 50",
                MultipathWords.features(List.of("queue_if_no_path", "pg_init_retries", "50")));
        assertEquals("1 alua", MultipathWords.hardwareHandler("1 alua"));
        assertEquals("1 alua", MultipathWords.hardwareHandler("alua"));
        assertEquals("0", MultipathWords.hardwareHandler(""));
    }

    @Test
    public void lunsArePrintedInScsiByteOrder() {
        assertEquals("0x0000000000000000", MultipathWords.lunHex(0));
        assertEquals("0x0001000000000000", MultipathWords.lunHex(1));
        assertEquals("0x0100000000000000", MultipathWords.lunHex(256));
        assertEquals("0x0001000200000000", MultipathWords.lunHex(0x2_0001L));
        assertEquals("[undef]", MultipathWords.lunHex(-1));
    }

    @Test
    public void checkerStatesUseMultipathdWords() {
        assertEquals("ready", MultipathWords.checkerState(CheckerState.UP));
        assertEquals("faulty", MultipathWords.checkerState(CheckerState.DOWN));
        assertEquals("i/o pending", MultipathWords.checkerState(CheckerState.PENDING));
        assertEquals("i/o timeout", MultipathWords.checkerState(CheckerState.TIMEOUT));
        assertEquals("undef", MultipathWords.checkerState(CheckerState.UNCHECKED));
    }
}

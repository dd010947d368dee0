package org.mpathbus.control.multipathd.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.mpathbus.api.MultipathdState;

/** multipathd 0.9.4's answers to show daemon and show status, as the lab's guest printed them. */
public class StatusRepliesTest {

    /** `multipathd show status` in the lab guest: two LUNs through two hosts, all paths up. */
    static final String STATUS_IDLE = "path checker states:\nup                  4\n\npaths: 4\nbusy: False\n";
    static final String STATUS_BUSY = "path checker states:\nup                  3\npending             1\n\npaths: 4\nbusy: True\n";

    @Test
    public void anIdleMultipathdIsReady() {
        MultipathdState state = StatusReplies.parse("pid 212 idle\n", STATUS_IDLE);
        assertEquals(new MultipathdState("idle", false, false), state);
        assertTrue(state.isReady());
    }

    @Test
    public void aRunningCheckerPassIsNoReconfigure() {
        MultipathdState state = StatusReplies.parse("pid 212 running\n", STATUS_IDLE);
        assertEquals(new MultipathdState("running", false, false), state);
    }

    @Test
    public void configureMeansAReconfigureIsScheduledOrUnderWay() {
        MultipathdState state = StatusReplies.parse("pid 212 configure\n", STATUS_IDLE);
        assertEquals(new MultipathdState("configure", false, true), state);
        assertFalse(state.isReady());
    }

    @Test
    public void busyIsShowStatusesBusyLine() {
        assertTrue(StatusReplies.parse("pid 212 idle\n", STATUS_BUSY).busy());
        assertTrue("a lock held past uxsock_timeout is busy", StatusReplies.parse("pid 212 idle\n", "timeout\n").busy());
    }

    @Test
    public void aLaterReleasesPendingWordsAreRead() {
        assertTrue(StatusReplies.parse("pid 212 idle (reconfigure pending)\n", STATUS_IDLE).reconfigurePending());
        assertEquals("idle", StatusReplies.parse("pid 212 idle (reconfigure pending)\n", STATUS_IDLE).state());
    }

    @Test
    public void startupAndShutdownAreTheirOwnStates() {
        assertEquals("startup", StatusReplies.parse("pid 9 startup\n", "").state());
        assertEquals("shutdown", StatusReplies.parse("pid 9 shutdown\n", "").state());
    }

    @Test
    public void anAnswerThatNamesNoStateIsAClearErrorQuotingOneShortLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StatusReplies.parse("permission deny: need to be root\nmore\n", STATUS_IDLE));
        assertEquals("show daemon answered 'permission deny: need to be root', not 'pid N STATE'", e.getMessage());
        IllegalArgumentException longOne = assertThrows(IllegalArgumentException.class,
                () -> StatusReplies.parse("y".repeat(10_000), STATUS_IDLE));
        assertTrue(longOne.getMessage().length() < 140);
    }
}

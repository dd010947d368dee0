package org.mpathbus.exporter.dbus.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;

import org.junit.Test;

public class CallerSlotsTest {

    @Test
    public void aUserHoldsAtMostItsShareAndGetsItBackOnRelease() {
        CallerSlots slots = new CallerSlots();
        for (int i = 0; i < CallerSlots.PER_USER; i++) {
            assertNull(slots.take(65534));
        }
        assertEquals("uid 65534 has 4 control calls in flight already", slots.take(65534));
        assertNull("another user is not held up by the first", slots.take(1000));
        slots.release(65534);
        assertNull(slots.take(65534));
    }

    @Test
    public void usersTogetherLeaveRootItsThreads() {
        CallerSlots slots = new CallerSlots();
        int taken = 0;
        for (long uid = 1000; taken < CallerSlots.UNPRIVILEGED; uid++) {
            for (int i = 0; i < CallerSlots.PER_USER && taken < CallerSlots.UNPRIVILEGED; i++, taken++) {
                assertNull(slots.take(uid));
            }
        }
        assertNotNull("a new user finds the unprivileged share full", slots.take(5000));
        for (int i = 0; i < ControlCalls.MAX_IN_FLIGHT - CallerSlots.UNPRIVILEGED + 1; i++) {
            assertNull("root is capped by the pool only", slots.take(0));
        }
        slots.release(1000);
        assertNull(slots.take(5000));
    }
}

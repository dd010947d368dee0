package org.mpathbus.devmapper.internal;

import static org.junit.Assert.assertEquals;

import java.util.List;

import org.junit.Test;
import org.mpathbus.api.DeviceNumber;
import org.mpathbus.api.DmPathState;
import org.mpathbus.api.Path;

public class PrioritiesTest {

    @Test
    public void mapsTheKernelsAccessStatesAsMultipathToolsDoes() {
        assertEquals(50, Priorities.ofPath("active/optimized", false));
        assertEquals(10, Priorities.ofPath("active/non-optimized", false));
        assertEquals(5, Priorities.ofPath("lba-dependent", false));
        assertEquals(1, Priorities.ofPath("standby", false));
        assertEquals(0, Priorities.ofPath("unavailable", false));
        assertEquals(0, Priorities.ofPath("offline", false));
        assertEquals(0, Priorities.ofPath("transitioning", false));
        assertEquals(0, Priorities.ofPath("something new", false));
        assertEquals(Priorities.UNKNOWN, Priorities.ofPath(null, false));
    }

    @Test
    public void thePreferredBitAdds80ExceptToAnActiveOptimizedPath() {
        assertEquals(50, Priorities.ofPath("active/optimized", true));
        assertEquals(90, Priorities.ofPath("active/non-optimized", true));
        assertEquals(81, Priorities.ofPath("standby", true));
        assertEquals(80, Priorities.ofPath("unavailable", true));
        assertEquals(Priorities.UNKNOWN, Priorities.ofPath(null, true));
    }

    @Test
    public void thePreferredBitsShareComesOffAgain() {
        for (String state : new String[] {"active/optimized", "active/non-optimized", "lba-dependent", "standby",
            "unavailable"}) {
            assertEquals(state, Priorities.ofPath(state, false), Priorities.withoutPreference(Priorities.ofPath(state, true)));
        }
    }

    @Test
    public void aGroupsPriorityIsTheIntegerMeanOverItsActivePaths() {
        assertEquals(50, Priorities.ofGroup(List.of(path(50, DmPathState.ACTIVE))));
        assertEquals(30, Priorities.ofGroup(List.of(path(50, DmPathState.ACTIVE), path(10, DmPathState.ACTIVE))));
        assertEquals(20, Priorities.ofGroup(List.of(path(50, DmPathState.ACTIVE), path(1, DmPathState.ACTIVE),
                path(10, DmPathState.ACTIVE))));
        assertEquals("the failed path does not count", 10,
                Priorities.ofGroup(List.of(path(50, DmPathState.FAILED), path(10, DmPathState.ACTIVE))));
        assertEquals("no usable path", 0, Priorities.ofGroup(List.of(path(50, DmPathState.FAILED))));
        assertEquals(0, Priorities.ofGroup(List.of()));
    }

    @Test
    public void aGroupWithAPathOfUnknownPriorityHasAnUnknownPriority() {
        assertEquals(Priorities.UNKNOWN, Priorities.ofGroup(List.of(path(50, DmPathState.ACTIVE),
                path(Priorities.UNKNOWN, DmPathState.ACTIVE))));
        assertEquals(Priorities.UNKNOWN, Priorities.ofGroup(List.of(path(Priorities.UNKNOWN, DmPathState.FAILED))));
    }

    private static Path path(int priority, DmPathState state) {
        return Path.builder("sdx", new DeviceNumber(8, 0)).priority(priority).dmState(state).build();
    }
}

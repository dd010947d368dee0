package org.mpathbus.core.internal.engine;

import static org.junit.Assert.assertEquals;

import java.time.Instant;
import java.util.List;

import org.junit.Test;
import org.mpathbus.api.DeviceNumber;
import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.Path;
import org.mpathbus.api.event.MapFailed;
import org.mpathbus.api.event.MapRemoved;
import org.mpathbus.api.event.MapRestored;
import org.mpathbus.api.event.PathFailed;
import org.mpathbus.api.event.PathReinstated;
import org.mpathbus.api.event.PathRemoved;
import org.mpathbus.api.event.TopologyEvent;

public class TransitionTallyTest {

    private static final Instant T = Instant.EPOCH;
    private final Path sdb = Path.builder("sdb", new DeviceNumber(8, 16)).build();
    private final MultipathMap mpatha = MultipathMap.builder("w1", "mpatha", new DeviceNumber(253, 0)).build();
    private final TransitionTally tally = new TransitionTally();

    @Test
    public void countsEachTransitionPerPathAndMap() {
        tally.count(List.of(new PathFailed(10, T, sdb, 1), new PathReinstated(11, T, sdb, 2),
                new PathFailed(12, T, sdb, 1), new MapFailed(13, T, mpatha), new MapRestored(14, T, mpatha)));
        assertEquals(2, tally.pathFailures("sdb"));
        assertEquals(1, tally.pathReinstatements("sdb"));
        assertEquals(1, tally.mapFailures("w1"));
        assertEquals(1, tally.mapRestorations("w1"));
        assertEquals(0, tally.pathFailures("sdc"));
        assertEquals(14, tally.lastSequence());
    }

    @Test
    public void aRemovedPathOrMapStartsCountingAgainFromZero() {
        tally.count(List.<TopologyEvent>of(new PathFailed(1, T, sdb, 1), new MapFailed(2, T, mpatha),
                new PathRemoved(3, T, sdb), new MapRemoved(4, T, mpatha)));
        assertEquals(0, tally.pathFailures("sdb"));
        assertEquals(0, tally.mapFailures("w1"));
        tally.count(List.of(new PathFailed(5, T, sdb, 1)));
        assertEquals(1, tally.pathFailures("sdb"));
        assertEquals(5, tally.lastSequence());
    }
}

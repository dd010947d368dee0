package org.mpathbus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.List;

import org.mpathbus.api.event.MapAdded;
import org.mpathbus.api.event.MapChanged;
import org.mpathbus.api.event.MapFailed;
import org.mpathbus.api.event.MapRemoved;
import org.mpathbus.api.event.MapRestored;
import org.mpathbus.api.event.PathAdded;
import org.mpathbus.api.event.PathCheckerStateChanged;
import org.mpathbus.api.event.PathDmStateChanged;
import org.mpathbus.api.event.PathFailed;
import org.mpathbus.api.event.PathReinstated;
import org.mpathbus.api.event.PathRemoved;
import org.mpathbus.api.event.PolicyChanged;
import org.mpathbus.api.event.TopologyEvent;

/** Assertions on the order rules TopologyEvent documents. */
final class EventOrder {

    /** The documented order of event kinds within one update; kinds on the same rank may interleave. */
    private static final List<List<Class<? extends TopologyEvent>>> RANKS = List.of(
            List.of(MapAdded.class),
            List.of(PathAdded.class),
            List.of(PathDmStateChanged.class),
            List.of(PathCheckerStateChanged.class),
            List.of(PathFailed.class, PathReinstated.class),
            List.of(MapFailed.class, MapRestored.class),
            List.of(PolicyChanged.class),
            List.of(MapChanged.class),
            List.of(PathRemoved.class),
            List.of(MapRemoved.class));

    private EventOrder() {
    }

    /** Sequence numbers grow by exactly one from each event to the next. */
    static void assertGapFree(List<TopologyEvent> events) {
        for (int i = 1; i < events.size(); i++) {
            assertEquals("sequence after " + events.get(i - 1) + " in " + events, events.get(i - 1).sequence() + 1,
                    events.get(i).sequence());
        }
    }

    /**
     * Within one update, kinds follow the documented order. A listener call may merge several updates
     * (a busy listener gets them together); the events of one update share its snapshot's timestamp.
     */
    static void assertDocumentedOrder(List<TopologyEvent> call) {
        int previousRank = -1;
        Instant update = null;
        for (TopologyEvent event : call) {
            if (!event.timestamp().equals(update)) {
                update = event.timestamp();
                previousRank = -1;
            }
            int rank = rank(event);
            assertTrue(event.getClass().getSimpleName() + " after a later kind in one update: " + call,
                    rank >= previousRank);
            previousRank = rank;
        }
    }

    private static int rank(TopologyEvent event) {
        for (int rank = 0; rank < RANKS.size(); rank++) {
            for (Class<? extends TopologyEvent> kind : RANKS.get(rank)) {
                if (kind.isInstance(event)) {
                    return rank;
                }
            }
        }
        throw new AssertionError("event of an undocumented kind: " + event);
    }
}

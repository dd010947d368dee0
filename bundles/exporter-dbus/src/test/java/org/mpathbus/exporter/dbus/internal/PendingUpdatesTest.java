package org.mpathbus.exporter.dbus.internal;

import static org.junit.Assert.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.Test;
import org.mpathbus.api.DeviceNumber;
import org.mpathbus.api.DmPathState;
import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.Path;
import org.mpathbus.api.Topology;
import org.mpathbus.api.event.MapChanged;
import org.mpathbus.api.event.PathDmStateChanged;
import org.mpathbus.api.event.PathFailed;
import org.mpathbus.api.event.TopologyEvent;

public class PendingUpdatesTest {

    private static final Instant T = Instant.EPOCH;
    private final MultipathMap map = MultipathMap.builder("w1", "mpatha", new DeviceNumber(253, 0)).build();
    private final Path sdb = Path.builder("sdb", new DeviceNumber(8, 16)).map("w1", 1).build();
    private final PendingUpdates pending = new PendingUpdates();

    private static Topology generation(long generation) {
        return Topology.of(generation, T, "test", List.of(), List.of(), List.of());
    }

    @Test
    public void onlyEventsThatBecomeSignalsWaitForTheWriter() throws InterruptedException {
        pending.offer(generation(1), List.of(new PathDmStateChanged(1, T, sdb, DmPathState.ACTIVE),
                new PathFailed(2, T, sdb, 0), new MapChanged(3, T, map, map)));
        pending.offer(generation(2), List.of(new PathFailed(4, T, sdb, 0)));

        PendingUpdates.Update update = pending.take(0);

        assertEquals(2, update.topology().generation());
        assertEquals(List.of(2L, 4L), update.events().stream().map(TopologyEvent::sequence).toList());
        assertEquals(0, update.droppedEvents());
    }

    @Test
    public void beyondTheBoundTheOldestAreDroppedAndCounted() throws InterruptedException {
        List<TopologyEvent> burst = new ArrayList<>();
        for (long sequence = 1; sequence <= PendingUpdates.MAX_EVENTS + 10; sequence++) {
            burst.add(new PathFailed(sequence, T, sdb, 0));
        }
        pending.offer(generation(1), burst);

        PendingUpdates.Update update = pending.take(0);

        assertEquals(10, update.droppedEvents());
        assertEquals(PendingUpdates.MAX_EVENTS, update.events().size());
        assertEquals(11, update.events().get(0).sequence());
    }
}

package org.mpathbus.core.internal.listeners;

import static org.junit.Assert.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.junit.Test;
import org.mpathbus.api.DeviceNumber;
import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.Path;
import org.mpathbus.api.PathGroup;
import org.mpathbus.api.DmGroupState;
import org.mpathbus.api.Topology;
import org.mpathbus.api.event.MapChanged;
import org.mpathbus.api.event.MapRemoved;
import org.mpathbus.api.event.TopologyEvent;

/** Runs the mailbox on a hand-driven executor, so "the listener is busy" is whatever the test says. */
public class ListenerMailboxTest {

    private final List<Runnable> tasks = new ArrayList<>();
    private final List<Long> generationsSeen = new ArrayList<>();
    private final List<List<Long>> sequencesSeen = new ArrayList<>();

    private static Topology generation(long generation) {
        return Topology.of(generation, Instant.EPOCH, "test", List.of(), List.of(), List.of());
    }

    private static List<TopologyEvent> oneEvent(long sequence) {
        return List.of(new MapRemoved(sequence, Instant.EPOCH,
                MultipathMap.builder("w", "m", new DeviceNumber(253, 0)).build()));
    }

    /** A MapChanged of a map with {@code paths} paths: weighs 1 + 2 x paths. */
    private static List<TopologyEvent> mapChanged(long sequence, int paths) {
        List<Path> members = LongStream.range(0, paths)
                .mapToObj(i -> Path.builder("sd" + i, new DeviceNumber(8, (int) i)).build())
                .collect(Collectors.toList());
        MultipathMap map = MultipathMap.builder("w", "m", new DeviceNumber(253, 0))
                .groups(List.of(PathGroup.of(1, 1, "service-time 0", DmGroupState.ACTIVE, members))).build();
        return List.of(new MapChanged(sequence, Instant.EPOCH, map, map));
    }

    private ListenerMailbox mailbox(long maxPendingWeight) {
        return mailbox(maxPendingWeight, (topology, events) -> { });
    }

    /** @param during runs inside the listener's call, after it is recorded: what arrives while it is busy */
    private ListenerMailbox mailbox(long maxPendingWeight, BiConsumer<Topology, List<TopologyEvent>> during) {
        return new ListenerMailbox((topology, events) -> {
            generationsSeen.add(topology.generation());
            sequencesSeen.add(events.stream().map(TopologyEvent::sequence).collect(Collectors.toList()));
            during.accept(topology, events);
        }, "test listener", tasks::add, maxPendingWeight);
    }

    private void runTasks() {
        while (!tasks.isEmpty()) {
            tasks.remove(0).run();
        }
    }

    @Test
    public void aListenerThatKeepsUpGetsEveryUpdateAsItsOwnCall() {
        ListenerMailbox mailbox = mailbox(100);
        for (long g = 1; g <= 3; g++) {
            mailbox.offer(generation(g), oneEvent(g));
            runTasks();
        }
        assertEquals(List.of(1L, 2L, 3L), generationsSeen);
        assertEquals(List.of(List.of(1L), List.of(2L), List.of(3L)), sequencesSeen);
    }

    @Test
    public void whatArrivesWhileTheListenerIsBusyMergesIntoOneCallWithTheNewestSnapshotLosingNoEvent() {
        ListenerMailbox mailbox = mailbox(100);
        for (long g = 1; g <= 5; g++) {
            mailbox.offer(generation(g), oneEvent(g));
        }
        assertEquals("one task per burst", 1, tasks.size());
        runTasks();
        assertEquals(List.of(5L), generationsSeen);
        assertEquals(List.of(List.of(1L, 2L, 3L, 4L, 5L)), sequencesSeen);
    }

    @Test
    public void aBusyListenerHoldsOneWaitingSnapshotHoweverManyUpdatesArrive() {
        ListenerMailbox[] box = new ListenerMailbox[1];
        box[0] = mailbox(1_000_000, (topology, events) -> {
            if (topology.generation() == 1) {
                for (long g = 2; g <= 1_000; g++) {
                    box[0].offer(generation(g), oneEvent(g));
                }
            }
        });
        box[0].offer(generation(1), oneEvent(1));
        runTasks();
        assertEquals("the update in hand, then one call with the rest", List.of(1L, 1_000L), generationsSeen);
        assertEquals(999, sequencesSeen.get(1).size());
        assertEquals(2L, (long) sequencesSeen.get(1).get(0));
    }

    @Test
    public void theFirstCallStaysASnapshotWithoutEventsEvenWhenMergedInto() {
        ListenerMailbox mailbox = mailbox(100);
        mailbox.offerSnapshot(generation(7));
        mailbox.offer(generation(8), oneEvent(20));
        runTasks();
        mailbox.offer(generation(9), oneEvent(21));
        runTasks();
        assertEquals(List.of(8L, 9L), generationsSeen);
        assertEquals(List.of(List.of(), List.of(21L)), sequencesSeen);
    }

    @Test
    public void mergedEventsBeyondTheWeightBoundGiveASnapshotAndAVisibleGapThenEventsResume() {
        // Each MapChanged of 10 paths weighs 21: two merged (42) fit under 50, three do not
        ListenerMailbox[] box = new ListenerMailbox[1];
        box[0] = mailbox(50, (topology, events) -> {
            if (topology.generation() == 1) {
                for (long g = 2; g <= 6; g++) {
                    box[0].offer(generation(g), mapChanged(g, 10));
                }
            }
        });
        box[0].offer(generation(1), mapChanged(1, 10));
        runTasks();
        box[0].offer(generation(7), mapChanged(7, 10));
        runTasks();
        assertEquals("the newest state, without waiting for more updates", List.of(1L, 6L, 7L), generationsSeen);
        assertEquals("2 to 6 dropped: the gap between 1 and 7 shows it", List.of(List.of(1L), List.of(), List.of(7L)),
                sequencesSeen);
    }

    @Test
    public void oneUpdateHeavierThanTheBoundStillGoesWhole() {
        ListenerMailbox mailbox = mailbox(50);
        mailbox.offer(generation(1), mapChanged(1, 100));
        runTasks();
        assertEquals(List.of(List.of(1L)), sequencesSeen);
    }

    @Test
    public void theWeightCountsThePathsAMapEventPins() {
        assertEquals(1 + 2 * 10, EventWeight.of(mapChanged(1, 10)));
        assertEquals(1, EventWeight.of(oneEvent(1)));
    }

    @Test
    public void aClosedMailboxDropsWhatIsWaiting() {
        ListenerMailbox mailbox = mailbox(100);
        mailbox.offer(generation(1), List.of());
        mailbox.close();
        mailbox.offer(generation(2), List.of());
        runTasks();
        assertEquals(List.of(), generationsSeen);
    }
}

package org.mpathbus.core.internal.listeners;

import static org.junit.Assert.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.Test;
import org.mpathbus.api.DeviceNumber;
import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.Topology;
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

    private ListenerMailbox mailbox(int maxPendingCalls, int maxPendingEvents) {
        return new ListenerMailbox((topology, events) -> {
            generationsSeen.add(topology.generation());
            sequencesSeen.add(events.stream().map(TopologyEvent::sequence).collect(Collectors.toList()));
        }, "test listener", tasks::add, maxPendingCalls, maxPendingEvents);
    }

    private void runTasks() {
        while (!tasks.isEmpty()) {
            tasks.remove(0).run();
        }
    }

    @Test
    public void aListenerThatKeepsUpGetsEveryUpdateAsItsOwnCall() {
        ListenerMailbox mailbox = mailbox(100, 100);
        for (long g = 1; g <= 3; g++) {
            mailbox.offer(generation(g), oneEvent(g));
            runTasks();
        }
        assertEquals(List.of(1L, 2L, 3L), generationsSeen);
        assertEquals(List.of(List.of(1L), List.of(2L), List.of(3L)), sequencesSeen);
    }

    @Test
    public void aBusyListenerGetsEveryUpdateAsItsOwnCallInOrder() {
        ListenerMailbox mailbox = mailbox(100, 100);
        for (long g = 1; g <= 5; g++) {
            mailbox.offer(generation(g), oneEvent(g));
        }
        assertEquals("one task per burst", 1, tasks.size());
        runTasks();
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), generationsSeen);
        assertEquals(List.of(List.of(1L), List.of(2L), List.of(3L), List.of(4L), List.of(5L)), sequencesSeen);
    }

    @Test
    public void beyondTheCallLimitUpdatesMergeIntoTheLastWaitingCallLosingNoEvent() {
        ListenerMailbox mailbox = mailbox(2, 100);
        for (long g = 1; g <= 5; g++) {
            mailbox.offer(generation(g), oneEvent(g));
        }
        runTasks();
        assertEquals(List.of(1L, 5L), generationsSeen);
        assertEquals(List.of(List.of(1L), List.of(2L, 3L, 4L, 5L)), sequencesSeen);
    }

    @Test
    public void theFirstCallStaysASnapshotWithoutEventsEvenWhenMergedInto() {
        ListenerMailbox mailbox = mailbox(1, 100);
        mailbox.offerSnapshot(generation(7));
        mailbox.offer(generation(8), oneEvent(20));
        runTasks();
        mailbox.offer(generation(9), oneEvent(21));
        runTasks();
        assertEquals(List.of(8L, 9L), generationsSeen);
        assertEquals(List.of(List.of(), List.of(21L)), sequencesSeen);
    }

    @Test
    public void tooManyWaitingEventsAreDroppedForASnapshotOnlyCall() {
        ListenerMailbox mailbox = mailbox(100, 3);
        for (long g = 1; g <= 5; g++) {
            mailbox.offer(generation(g), oneEvent(g));
        }
        runTasks();
        mailbox.offer(generation(6), oneEvent(6));
        runTasks();
        assertEquals(List.of(4L, 5L, 6L), generationsSeen);
        assertEquals(List.of(List.of(), List.of(5L), List.of(6L)), sequencesSeen);
    }

    @Test
    public void aClosedMailboxDropsWhatIsWaiting() {
        ListenerMailbox mailbox = mailbox(100, 100);
        mailbox.offer(generation(1), List.of());
        mailbox.close();
        mailbox.offer(generation(2), List.of());
        runTasks();
        assertEquals(List.of(), generationsSeen);
    }
}

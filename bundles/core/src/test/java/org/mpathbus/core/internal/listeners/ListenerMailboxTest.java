package org.mpathbus.core.internal.listeners;

import static org.junit.Assert.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.Test;
import org.mpathbus.api.Topology;
import org.mpathbus.api.event.MapRemoved;
import org.mpathbus.api.event.TopologyEvent;

public class ListenerMailboxTest {

    private final List<Runnable> tasks = new ArrayList<>();
    private final List<Long> generationsSeen = new ArrayList<>();
    private final List<Integer> eventCountsSeen = new ArrayList<>();

    private static Topology generation(long generation) {
        return new Topology(generation, Instant.EPOCH, "test", List.of(), List.of(), List.of());
    }

    private static List<TopologyEvent> oneEvent(long sequence) {
        return List.of(new MapRemoved(sequence, Instant.EPOCH,
                org.mpathbus.api.MultipathMap.builder("w", "m", new org.mpathbus.api.DeviceNumber(253, 0)).build()));
    }

    private ListenerMailbox mailbox(int maxBacklog) {
        return new ListenerMailbox((topology, events) -> {
            generationsSeen.add(topology.generation());
            eventCountsSeen.add(events.size());
        }, "test listener", tasks::add, maxBacklog);
    }

    private void runTasks() {
        while (!tasks.isEmpty()) {
            tasks.remove(0).run();
        }
    }

    @Test
    public void callsArriveInOrderWithOneTaskPerBurst() {
        ListenerMailbox mailbox = mailbox(100);
        for (long g = 1; g <= 5; g++) {
            mailbox.offer(generation(g), oneEvent(g));
        }
        assertEquals(1, tasks.size());
        runTasks();
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), generationsSeen);
    }

    @Test
    public void aBacklogBeyondTheLimitCollapsesIntoOneSnapshotCallWithoutEvents() {
        ListenerMailbox mailbox = mailbox(3);
        for (long g = 1; g <= 5; g++) {
            mailbox.offer(generation(g), oneEvent(g));
        }
        runTasks();
        assertEquals(List.of(4L, 5L), generationsSeen);
        assertEquals(List.of(0, 1), eventCountsSeen);
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

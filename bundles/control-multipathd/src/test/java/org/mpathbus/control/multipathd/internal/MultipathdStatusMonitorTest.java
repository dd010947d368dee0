package org.mpathbus.control.multipathd.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.Test;
import org.mpathbus.api.MultipathdState;
import org.mpathbus.testing.Await;

/** The monitor against a fake multipathd that answers, changes its state, stops answering and goes away. */
public class MultipathdStatusMonitorTest {

    @Test
    public void followsMultipathdsStateAndTellsEachChangeOnce() throws Exception {
        Path dir = Sockets.directory("status");
        AtomicReference<String> daemonState = new AtomicReference<>("pid 7 idle\n");
        try (FakeMultipathd daemon = new FakeMultipathd(dir.resolve("s"), command -> switch (command) {
            case "show daemon" -> daemonState.get();
            case "show status" -> StatusRepliesTest.STATUS_IDLE;
            default -> "fail\n";
        })) {
            MultipathdStatusMonitor monitor = new MultipathdStatusMonitor(client(daemon.endpoint()), Duration.ofMillis(50));
            try {
                List<MultipathdState> told = new CopyOnWriteArrayList<>();
                monitor.watch(told::add);
                Await.until("idle", () -> monitor.current().state().equals("idle"));
                daemonState.set("pid 7 configure\n");
                Await.until("configure told", () -> told.contains(new MultipathdState("configure", false, true)));
                daemonState.set("pid 7 idle\n");
                Await.until("idle told", () -> told.size() >= 2 && told.get(told.size() - 1).isReady());
                Thread.sleep(300);
                assertEquals("only changes are told", 1, told.stream().filter(s -> s.state().equals("configure")).count());
            } finally {
                monitor.deactivate();
            }
        }
    }

    @Test
    public void aMultipathdThatTakesTheConnectionAndNeverAnswersIsUnresponsiveWithinTheDeadline() throws Exception {
        Path dir = Sockets.directory("stopped");
        try (FakeMultipathd daemon = new FakeMultipathd(dir.resolve("s"), command -> null)) {
            MultipathdStatusMonitor monitor = new MultipathdStatusMonitor(client(daemon.endpoint()), Duration.ofMillis(50));
            try {
                long start = System.nanoTime();
                MultipathdState state = monitor.poll();
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertEquals(MultipathdState.UNRESPONSIVE, state.state());
                assertTrue("took " + millis + " ms", millis < MultipathdStatusMonitor.DEADLINE.toMillis() + 500);
            } finally {
                monitor.deactivate();
            }
        }
    }

    @Test
    public void nobodyOnTheSocketIsAbsent() throws Exception {
        Path dir = Sockets.directory("absent");
        MultipathdStatusMonitor monitor = new MultipathdStatusMonitor(new MultipathdClient(
                Endpoint.file(dir.resolve("missing").toString()),
                Endpoint.abstractName("/org/mpathbus/test/nobody/status/" + ProcessHandle.current().pid())),
                Duration.ofMillis(50));
        try {
            Await.until("absent", () -> monitor.current().state().equals(MultipathdState.ABSENT));
        } finally {
            monitor.deactivate();
        }
    }

    private static MultipathdClient client(Endpoint endpoint) {
        return new MultipathdClient(endpoint, Endpoint.abstractName("/unused"));
    }
}

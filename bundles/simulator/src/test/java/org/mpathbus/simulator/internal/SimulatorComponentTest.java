package org.mpathbus.simulator.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.After;
import org.junit.Test;
import org.mpathbus.api.CheckerState;
import org.mpathbus.api.DmPathState;
import org.mpathbus.api.Path;
import org.mpathbus.api.SourceState;
import org.mpathbus.api.spi.CheckResult;
import org.mpathbus.api.spi.SourceListener;

public class SimulatorComponentTest {

    private final SimulatorComponent simulator = new SimulatorComponent(SanShape.of(4, 4, 2));
    private final RecordingListener listener = new RecordingListener();

    @After
    public void stop() {
        simulator.deactivate();
    }

    @Test
    public void everyChangeIsPushedFromTheSimulatorThreadAsACompleteState() throws Exception {
        simulator.watch(listener);
        simulator.failPath("sda");
        assertEquals("pushed before failPath returns", 1, listener.states.size());
        assertEquals(List.of("mpathbus-simulator"), listener.threads);
        SourceState pushed = listener.states.get(0);
        assertEquals(4, pushed.maps().size());
        assertEquals(DmPathState.FAILED, path(pushed, "sda").dmState());
        assertSame(pushed, simulator.read());

        simulator.removeMap("mpathb");
        simulator.addMap("mpathb");
        simulator.removePath("sdc");
        simulator.addPath("sdc");
        simulator.restorePath("sda");
        assertEquals(6, listener.states.size());
        assertEquals(DmPathState.ACTIVE, path(simulator.read(), "sda").dmState());
    }

    @Test
    public void unchangedMapsArriveAsTheSameInstances() throws Exception {
        SourceState before = simulator.read();
        simulator.watch(listener);
        simulator.failPath("sdd");
        SourceState after = listener.states.get(0);
        assertSame(before.maps().get(0), after.maps().get(0));
        assertNotSame(before.maps().get(3), after.maps().get(3));
    }

    @Test
    public void noOpsPushNothingAndClosingTheWatchStopsPushes() throws Exception {
        AutoCloseable watch = simulator.watch(listener);
        simulator.failPath("sda");
        simulator.failPath("sda");
        assertEquals(1, listener.states.size());
        watch.close();
        simulator.restorePath("sda");
        assertEquals(1, listener.states.size());
        assertEquals(DmPathState.ACTIVE, path(simulator.read(), "sda").dmState());
    }

    @Test
    public void unknownNamesReachTheCaller() {
        SimulatedSanTest.expect(NoSuchElementException.class, "'sdq'", () -> simulator.failPath("sdq"));
        SimulatedSanTest.expect(NoSuchElementException.class, "'nosuchmap'", () -> simulator.removeMap("nosuchmap"));
    }

    @Test
    public void aThrowingListenerDoesNotStopTheOthers() throws Exception {
        simulator.watch(new SourceListener() {
            @Override
            public void stateChanged(SourceState state) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void sourceFailed(String message) {
            }
        });
        simulator.watch(listener);
        simulator.failPath("sda");
        assertEquals(1, listener.states.size());
    }

    @Test
    public void aNewShapeReplacesTheSanAndIsPushed() throws Exception {
        simulator.watch(listener);
        simulator.reshape(SanShape.of(30, 2, 1));
        assertEquals(30, listener.states.get(0).maps().size());
        assertEquals("mpathad", listener.states.get(0).maps().get(29).name());
    }

    @Test
    public void theSameShapeAgainKeepsTheSanAndItsFaults() throws Exception {
        simulator.failPath("sda");
        SourceState faulted = simulator.read();
        simulator.watch(listener);
        simulator.reshape(SanShape.of(4, 4, 2));
        assertTrue(listener.states.isEmpty());
        assertSame(faulted, simulator.read());
    }

    @Test
    public void simCheckerReportsTheLinkAndRemoval() throws Exception {
        SimChecker checker = new SimChecker(simulator);
        Path sda = path(simulator.read(), "sda");
        assertEquals(CheckResult.of(CheckerState.UP, "sim: link up"), checker.check(sda, Duration.ofSeconds(1)));
        simulator.failPath("sda");
        assertEquals(CheckResult.of(CheckerState.DOWN, "sim: link down"), checker.check(sda, Duration.ofSeconds(1)));
        simulator.removePath("sda");
        assertEquals(CheckerState.REMOVED, checker.check(sda, Duration.ofSeconds(1)).state());
        simulator.removeMap("mpathb");
        assertEquals(CheckerState.REMOVED, checker.check(sda.toBuilder().name("sdb").build(), Duration.ofSeconds(1)).state());
        Path stranger = Path.builder("vda", sda.deviceNumber()).build();
        assertEquals(CheckerState.WILD, checker.check(stranger, Duration.ofSeconds(1)).state());
    }

    @Test
    public void aHungCheckBlocksUntilReleased() throws Exception {
        SimChecker checker = new SimChecker(simulator);
        Path sdb = path(simulator.read(), "sdb");
        simulator.hangChecks("sdb", true);
        CheckThread check = new CheckThread(checker, sdb);
        check.start();
        awaitBlocked(check);
        simulator.hangChecks("sdb", false);
        check.join();
        assertEquals(CheckerState.UP, check.result.state());
    }

    @Test
    public void aHungCheckEndsWhenTheEngineInterruptsIt() throws Exception {
        SimChecker checker = new SimChecker(simulator);
        simulator.hangChecks("sdb", true);
        CheckThread check = new CheckThread(checker, path(simulator.read(), "sdb"));
        check.start();
        awaitBlocked(check);
        check.interrupt();
        check.join();
        assertTrue(check.failure instanceof InterruptedException);
    }

    @Test
    public void shuttingDownReleasesHungChecks() throws Exception {
        SimChecker checker = new SimChecker(simulator);
        simulator.hangChecks("sdb", true);
        CheckThread check = new CheckThread(checker, path(simulator.read(), "sdb"));
        check.start();
        awaitBlocked(check);
        simulator.deactivate();
        check.join();
        assertEquals(CheckerState.UP, check.result.state());
    }

    private static void awaitBlocked(Thread thread) throws InterruptedException {
        while (thread.getState() != Thread.State.WAITING) {
            Thread.sleep(1);
        }
    }

    private static Path path(SourceState state, String name) {
        return state.maps().stream().flatMap(m -> m.paths().stream()).filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow();
    }

    private static final class CheckThread extends Thread {
        private final SimChecker checker;
        private final Path path;
        volatile CheckResult result;
        volatile Exception failure;

        CheckThread(SimChecker checker, Path path) {
            this.checker = checker;
            this.path = path;
        }

        @Override
        public void run() {
            try {
                result = checker.check(path, Duration.ofSeconds(1));
            } catch (Exception e) {
                failure = e;
            }
        }
    }

    private static final class RecordingListener implements SourceListener {
        final List<SourceState> states = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();

        @Override
        public void stateChanged(SourceState state) {
            states.add(state);
            if (!threads.contains(Thread.currentThread().getName())) {
                threads.add(Thread.currentThread().getName());
            }
        }

        @Override
        public void sourceFailed(String message) {
        }
    }
}

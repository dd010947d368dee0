package org.mpathbus.core.internal.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.After;
import org.junit.Test;
import org.mpathbus.api.CheckerState;
import org.mpathbus.api.DmPathState;
import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.Path;
import org.mpathbus.api.SourceState;
import org.mpathbus.api.Topology;
import org.mpathbus.api.event.PathCheckerStateChanged;
import org.mpathbus.api.event.PathFailed;
import org.mpathbus.api.event.PathReinstated;
import org.mpathbus.api.event.TopologyEvent;
import org.mpathbus.api.spi.CheckResult;
import org.mpathbus.api.spi.MultipathSource;
import org.mpathbus.api.spi.PathChecker;
import org.mpathbus.api.spi.SourceListener;
import org.mpathbus.api.spi.TopologyListener;
import org.mpathbus.core.internal.checks.CheckSettings;
import org.mpathbus.testing.Await;

/** The engine with fake sources, checkers and listeners, on its real threads. */
public class TopologyEngineTest {

    private TopologyEngine engine;

    @After
    public void closeEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    private TopologyEngine start(long maxPendingWeight) {
        CheckSettings settings = new CheckSettings(Duration.ofMillis(20), Duration.ofMillis(80), Duration.ofSeconds(5),
                "tur", 2);
        engine = new TopologyEngine("simulator", Duration.ofHours(1), settings, Clock.systemUTC(),
                maxPendingWeight);
        return engine;
    }

    private TopologyEngine start() {
        return start(100_000);
    }

    private static Map<String, Object> named(String key, String value) {
        return Map.of(key, value, "service.id", 1L);
    }


    private boolean allPaths(CheckerState state) {
        Topology topology = engine.topology();
        return !topology.paths().isEmpty()
                && topology.paths().values().stream().allMatch(path -> path.checkerState() == state);
    }

    @Test
    public void usesOnlyTheSourceItIsConfiguredFor() throws Exception {
        start();
        FakeSource other = new FakeSource(Sans.state(5));
        FakeSource simulator = new FakeSource(Sans.state(2));
        engine.addSource(other, "devmapper");
        engine.addSource(simulator, "simulator");
        engine.awaitEngine();

        assertEquals(2, engine.topology().maps().size());
        assertEquals("simulator", engine.topology().source());
        assertEquals(0, other.reads.get());
        assertTrue(simulator.watched());
    }

    @Test
    public void theFirstCallIsTheCurrentSnapshotWithoutEvents() throws Exception {
        start();
        engine.addSource(new FakeSource(Sans.state(2)), "simulator");
        engine.awaitEngine();
        Recorder listener = new Recorder();
        engine.addListener(listener, "recorder");

        Await.until("the first call", () -> listener.calls.size() >= 1);
        assertEquals(List.of(), listener.calls.get(0).events);
        assertEquals(2, listener.calls.get(0).topology.maps().size());
    }

    @Test
    public void aPathFailureReachesListenersAsOrderedGapFreeEvents() throws Exception {
        start();
        Recorder listener = new Recorder();
        engine.addListener(listener, "recorder");
        engine.addChecker(new UpChecker(), "sim");
        FakeSource source = new FakeSource(Sans.state(3));
        engine.addSource(source, "simulator");
        Await.until("every path is up", () -> allPaths(CheckerState.UP));
        long generation = engine.topology().generation();
        Await.until("the listener has caught up", () -> listener.lastGeneration() == generation);

        MultipathMap failed = Sans.withPathState(Sans.map(2), "sd-2-3", DmPathState.FAILED);
        source.push(Sans.replace(source.state, failed));
        Await.until("the failure arrives", () -> listener.events().stream().anyMatch(PathFailed.class::isInstance));

        Call call = listener.calls.get(listener.calls.size() - 1);
        assertEquals(generation + 1, call.topology.generation());
        assertEquals(List.of("PathDmStateChanged", "PathFailed", "MapChanged"), call.events.stream()
                .map(event -> event.getClass().getSimpleName()).collect(Collectors.toList()));
        assertEquals(3, ((PathFailed) call.events.get(1)).validPaths());
        assertEquals(DmPathState.FAILED, engine.topology().path("sd-2-3").get().dmState());
        assertEquals("the checker's view stays apart from the kernel's", CheckerState.UP,
                engine.topology().path("sd-2-3").get().checkerState());
        // The first call is a snapshot; every event after it arrives, numbered without a gap.
        List<TopologyEvent> all = listener.events();
        long first = all.get(0).sequence();
        for (int i = 0; i < all.size(); i++) {
            assertEquals(first + i, all.get(i).sequence());
        }
        List<TopologyEvent> recent = engine.recentEvents();
        assertEquals(1, recent.get(0).sequence());
        assertEquals(all, recent.subList((int) first - 1, recent.size()));
        assertEquals(recent.size(), engine.lastSequence());
    }

    @Test
    public void pathsWhoseCheckerIsMissingAreUncheckedAndBecomeUpWhenItArrives() throws Exception {
        start();
        engine.addSource(new FakeSource(Sans.state(2)), "simulator");
        Await.until("every path is reported", () -> allPaths(CheckerState.UNCHECKED));
        Path path = engine.topology().path("sd-1-1").get();
        assertEquals("no checker 'sim' installed", path.checkerMessage());
        assertEquals(Set.of(), engine.topology().checkers());

        engine.addChecker(new UpChecker(), "sim");
        Await.until("every path is up", () -> allPaths(CheckerState.UP));
        assertEquals(Set.of("sim"), engine.topology().checkers());
    }

    @Test
    public void theDefaultCheckerAppliesToPathsThatNameNone() throws Exception {
        start();
        engine.addSource(new FakeSource(anonymousPaths(1)), "simulator");
        engine.addChecker(new UpChecker(), "tur");

        Await.until("every path is up", () -> allPaths(CheckerState.UP));
        assertEquals("tur", engine.topology().path("sd-1-1").get().checker());
    }

    private static SourceState anonymousPaths(int maps) {
        List<MultipathMap> all = new ArrayList<>();
        for (MultipathMap map : Sans.state(maps).maps()) {
            all.add(map.toBuilder().groups(map.groups().stream().map(group -> org.mpathbus.api.PathGroup.of(
                    group.index(), group.priority(), group.selector(), group.dmState(), group.paths().stream()
                            .map(p -> p.toBuilder().checker("").build()).collect(Collectors.toList())))
                    .collect(Collectors.toList())).build());
        }
        return SourceState.of(all, List.of());
    }

    @Test
    public void newCheckSettingsApplyWithoutRestartingTheSequence() throws Exception {
        start();
        engine.addChecker(new UpChecker(), "sim");
        engine.addSource(new FakeSource(anonymousPaths(2)), "simulator");
        Await.until("paths wait for tur", () -> allPaths(CheckerState.UNCHECKED)
                && engine.topology().path("sd-1-1").get().checkerMessage().equals("no checker 'tur' installed"));
        long sequence = engine.lastSequence();

        engine.reconfigure("simulator", Duration.ofHours(1), new CheckSettings(Duration.ofMillis(20),
                Duration.ofMillis(80), Duration.ofSeconds(5), "sim", 2));

        Await.until("every path is up with sim", () -> allPaths(CheckerState.UP));
        assertEquals("sim", engine.topology().path("sd-2-4").get().checker());
        List<TopologyEvent> recent = engine.recentEvents();
        for (int i = 0; i < recent.size(); i++) {
            assertEquals(i + 1, recent.get(i).sequence());
        }
        assertTrue(engine.lastSequence() > sequence);
    }

    @Test
    public void autoTakesDeviceMapperOnlyWhereItsSourceSaysItRuns() throws Exception {
        engine = new TopologyEngine("auto", Duration.ofHours(1), new CheckSettings(Duration.ofMillis(20),
                Duration.ofMillis(80), Duration.ofSeconds(5), "tur", 2), Clock.systemUTC(), 100_000);
        FakeSource cannotRun = new FakeSource(Sans.state(5));
        cannotRun.runsHere = false;
        engine.addSource(cannotRun, "devmapper");
        engine.addSource(new FakeSource(Sans.state(2)), "simulator");
        engine.awaitEngine();
        assertEquals("simulator", engine.topology().source());
        assertEquals(2, engine.topology().maps().size());
        assertFalse(cannotRun.watched());

        FakeSource devmapper = new FakeSource(Sans.state(3));
        engine.addSource(devmapper, "devmapper");
        engine.awaitEngine();
        assertEquals("devmapper", engine.topology().source());
        assertEquals(3, engine.topology().maps().size());
        assertTrue(devmapper.watched());
    }

    @Test
    public void aNewSourceSettingSwitchesToThatSource() throws Exception {
        start();
        engine.addSource(new FakeSource(Sans.state(2)), "simulator");
        FakeSource devmapper = new FakeSource(Sans.state(5));
        engine.addSource(devmapper, "devmapper");
        engine.awaitEngine();
        assertEquals(2, engine.topology().maps().size());

        engine.reconfigure("devmapper", Duration.ofHours(1), new CheckSettings(Duration.ofMillis(20),
                Duration.ofMillis(80), Duration.ofSeconds(5), "tur", 2));

        assertEquals(5, engine.topology().maps().size());
        assertEquals("devmapper", engine.topology().source());
        assertTrue(devmapper.watched());
    }

    @Test
    public void removingACheckerMakesItsPathsUncheckedWithoutAnyFailure() throws Exception {
        start();
        Recorder listener = new Recorder();
        engine.addListener(listener, "recorder");
        UpChecker checker = new UpChecker();
        engine.addChecker(checker, "sim");
        engine.addSource(new FakeSource(Sans.state(2)), "simulator");
        Await.until("every path is up", () -> allPaths(CheckerState.UP));
        long upGeneration = engine.topology().generation();
        Await.until("the listener has caught up", () -> listener.lastGeneration() == upGeneration);
        int seen = listener.events().size();

        engine.removeChecker(checker, "sim");

        Await.until("every path is unchecked", () -> allPaths(CheckerState.UNCHECKED));
        Await.until("the listener hears of all 8", () -> listener.events().size() >= seen + 8 + 2);
        List<TopologyEvent> after = listener.events().subList(seen, listener.events().size());
        assertEquals(8, after.stream().filter(PathCheckerStateChanged.class::isInstance).count());
        assertTrue(after.stream().filter(PathCheckerStateChanged.class::isInstance)
                .map(PathCheckerStateChanged.class::cast)
                .allMatch(change -> change.previous() == CheckerState.UP
                        && change.path().checkerState() == CheckerState.UNCHECKED
                        && change.path().checkerMessage().equals("no checker 'sim' installed")));
        assertTrue(after.stream().allMatch(event -> event instanceof PathCheckerStateChanged
                || event.getClass().getSimpleName().equals("MapChanged")));
        assertTrue(engine.topology().paths().values().stream().allMatch(p -> p.dmState() == DmPathState.ACTIVE));
    }

    @Test
    public void aThrowingListenerKeepsGettingLaterCalls() throws Exception {
        start();
        AtomicInteger calls = new AtomicInteger();
        engine.addListener((topology, events) -> {
            calls.incrementAndGet();
            throw new IllegalStateException("listener bug");
        }, "thrower");
        Recorder healthy = new Recorder();
        engine.addListener(healthy, "healthy");
        Await.until("the thrower failed its first call", () -> calls.get() == 1);
        FakeSource source = new FakeSource(Sans.state(1));
        engine.addSource(source, "simulator");
        Await.until("the thrower failed its second call", () -> calls.get() == 2);
        source.push(Sans.replace(source.state, Sans.withPathState(Sans.map(1), "sd-1-1", DmPathState.FAILED)));

        Await.until("the thrower got a third call", () -> calls.get() >= 3);
        Await.until("the healthy one saw the failure", () -> healthy.events().stream().anyMatch(PathFailed.class::isInstance));
    }

    @Test
    public void aBlockedListenerDelaysNeitherTheEngineNorOtherListeners() throws Exception {
        start();
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger slowCalls = new AtomicInteger();
        engine.addListener((topology, events) -> {
            slowCalls.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "slow");
        Recorder fast = new Recorder();
        engine.addListener(fast, "fast");
        FakeSource source = new FakeSource(Sans.state(2));
        engine.addSource(source, "simulator");
        engine.awaitEngine();

        SourceState state = source.state;
        for (int i = 1; i <= 20; i++) {
            DmPathState dm = i % 2 == 1 ? DmPathState.FAILED : DmPathState.ACTIVE;
            state = Sans.replace(state, Sans.withPathState(state.maps().get(0), "sd-1-1", dm));
            source.push(state);
        }
        Await.until("the fast listener has all 20 flaps", () -> fast.events().stream()
                .filter(event -> event instanceof PathFailed || event instanceof PathReinstated).count() == 20);
        assertEquals("the slow listener is still in its first call", 1, slowCalls.get());
        assertEquals(DmPathState.ACTIVE, engine.topology().path("sd-1-1").get().dmState());
        release.countDown();
        Await.until("the slow listener catches up", () -> slowCalls.get() > 1);
    }

    @Test
    public void aListenerTooFarBehindSeesAGapAndTheFinalStateWhileTheCountersCountEveryTransition()
            throws Exception {
        // A flap of one path in a map of 4 weighs about 20 (two events and a MapChanged of two versions)
        start(100);
        CountDownLatch release = new CountDownLatch(1);
        Recorder slow = new Recorder();
        engine.addListener((topology, events) -> {
            slow.topologyChanged(topology, events);
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "slow");
        FakeSource source = new FakeSource(Sans.state(2));
        engine.addSource(source, "simulator");
        engine.awaitEngine();
        long before = engine.lastSequence();

        SourceState state = source.state;
        for (int i = 1; i <= 40; i++) {
            DmPathState dm = i % 2 == 1 ? DmPathState.FAILED : DmPathState.ACTIVE;
            state = Sans.replace(state, Sans.withPathState(state.maps().get(0), "sd-1-1", dm));
            source.push(state);
        }
        engine.awaitEngine();
        long generation = engine.topology().generation();
        release.countDown();
        Await.until("the slow listener has the newest snapshot", () -> slow.lastGeneration() == generation);

        assertEquals(DmPathState.ACTIVE, slow.calls.get(slow.calls.size() - 1).topology.path("sd-1-1").get()
                .dmState());
        long flapsSeen = slow.events().stream().filter(PathFailed.class::isInstance).count();
        assertTrue("some failures were merged away: " + flapsSeen, flapsSeen < 20);
        List<Long> sequences = slow.events().stream().map(TopologyEvent::sequence).collect(Collectors.toList());
        assertTrue("the sequence numbers show the gap: " + sequences,
                sequences.size() < engine.lastSequence() - before);
        assertEquals("the engine counted every failure", 20, engine.transitions().pathFailures("sd-1-1"));
        assertEquals(20, engine.transitions().pathReinstatements("sd-1-1"));
        assertEquals(engine.lastSequence(), engine.transitions().lastSequence());
    }

    @Test
    public void aFailingReadKeepsTheLastGoodSnapshotAndRefreshSaysWhy() throws Exception {
        start();
        FakeSource source = new FakeSource(Sans.state(2));
        engine.addSource(source, "simulator");
        engine.awaitEngine();
        Topology good = engine.topology();

        source.failReads = true;
        try {
            engine.refresh();
            fail("refresh should fail when the source cannot be read");
        } catch (IllegalStateException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("simulator") && e.getMessage().contains("dm ioctl"));
        }
        assertSame(good, engine.topology());

        source.failReads = false;
        source.state = Sans.state(3);
        Topology refreshed = engine.refresh();
        assertEquals(3, refreshed.maps().size());
        assertTrue(refreshed.generation() > good.generation());
    }

    @Test
    public void aPushOlderThanAFullReadDoesNotRollTheTopologyBack() throws Exception {
        start();
        FakeSource source = new FakeSource(Sans.state(2));
        engine.addSource(source, "simulator");
        engine.awaitEngine();
        SourceState old = Sans.replace(source.state, Sans.withPathState(Sans.map(1), "sd-1-1", DmPathState.FAILED));
        CountDownLatch gate = new CountDownLatch(1);
        source.readGate = gate;
        Thread first = new Thread(this::refreshQuietly);
        first.start();
        Await.until("the engine is inside a read", () -> source.reads.get() == 2);
        Thread second = new Thread(this::refreshQuietly);
        second.start();
        Await.until("the second refresh is queued", () -> second.getState() == Thread.State.WAITING);

        source.push(old); // queued behind the second refresh, made before its read
        source.state = Sans.state(3);
        gate.countDown();
        first.join();
        second.join();
        engine.awaitEngine();

        assertEquals(3, engine.topology().maps().size());
        assertEquals(DmPathState.ACTIVE, engine.topology().path("sd-1-1").get().dmState());
    }

    private void refreshQuietly() {
        try {
            engine.refresh();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    public void anyChangeMakesANewSnapshotEvenWithoutEvents() throws Exception {
        start();
        Path spare = Path.builder("sdz", new org.mpathbus.api.DeviceNumber(65, 160)).checker("sim").sizeBytes(1)
                .build();
        FakeSource source = new FakeSource(SourceState.of(List.of(), List.of(spare)));
        engine.addSource(source, "simulator");
        engine.awaitEngine();
        long generation = engine.topology().generation();

        source.state = SourceState.of(List.of(), List.of(spare.toBuilder().sizeBytes(2).build()));
        Topology refreshed = engine.refresh();

        assertEquals(generation + 1, refreshed.generation());
        assertEquals(2, refreshed.path("sdz").get().sizeBytes());
    }

    @Test
    public void refreshWithoutASourceSaysSo() throws Exception {
        start();
        try {
            engine.refresh();
            fail("refresh should fail without a source");
        } catch (IllegalStateException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("no MultipathSource with source.name 'simulator'"));
        }
    }

    @Test
    public void aSourceThatLeavesLeavesTheLastSnapshotAndItsPushesAreIgnored() throws Exception {
        start();
        FakeSource source = new FakeSource(Sans.state(2));
        engine.addSource(source, "simulator");
        engine.awaitEngine();
        engine.removeSource(source);
        assertFalse(source.watched());

        source.push(Sans.state(4));
        engine.awaitEngine();
        assertEquals(2, engine.topology().maps().size());
    }

    @Test
    public void recentEventsKeepTheLastThousandInOrder() throws Exception {
        start();
        FakeSource source = new FakeSource(Sans.state(1));
        engine.addSource(source, "simulator");
        engine.awaitEngine();
        SourceState state = source.state;
        for (int i = 1; i <= 400; i++) {
            DmPathState dm = i % 2 == 1 ? DmPathState.FAILED : DmPathState.ACTIVE;
            state = Sans.replace(state, Sans.withPathState(state.maps().get(0), "sd-1-1", dm));
            source.push(state);
        }
        engine.awaitEngine();

        List<TopologyEvent> recent = engine.recentEvents();
        assertEquals(TopologyEngine.HISTORY, recent.size());
        long last = engine.lastSequence();
        assertTrue(last > TopologyEngine.HISTORY);
        for (int i = 0; i < recent.size(); i++) {
            assertEquals(last - recent.size() + 1 + i, recent.get(i).sequence());
        }
    }

    /** A source whose state the test sets and pushes. */
    static final class FakeSource implements MultipathSource {
        volatile SourceState state;
        volatile boolean failReads;
        volatile CountDownLatch readGate;
        final AtomicInteger reads = new AtomicInteger();
        private final List<SourceListener> listeners = new CopyOnWriteArrayList<>();
        volatile boolean runsHere = true;

        FakeSource(SourceState state) {
            this.state = state;
        }

        @Override
        public boolean runsHere() {
            return runsHere;
        }

        void push(SourceState next) {
            state = next;
            listeners.forEach(listener -> listener.stateChanged(next));
        }

        boolean watched() {
            return !listeners.isEmpty();
        }

        @Override
        public SourceState read() throws IOException {
            reads.incrementAndGet();
            CountDownLatch gate = readGate;
            if (gate != null) {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (failReads) {
                throw new IOException("dm ioctl DM_LIST_DEVICES failed: EPERM");
            }
            return state;
        }

        @Override
        public AutoCloseable watch(SourceListener listener) {
            listeners.add(listener);
            return () -> listeners.remove(listener);
        }
    }

    static final class UpChecker implements PathChecker {
        @Override
        public CheckResult check(Path path, Duration timeout) {
            return CheckResult.of(CheckerState.UP, "ok");
        }
    }

    record Call(Topology topology, List<TopologyEvent> events) {
    }

    static final class Recorder implements TopologyListener {
        final List<Call> calls = new CopyOnWriteArrayList<>();

        @Override
        public void topologyChanged(Topology topology, List<TopologyEvent> events) {
            calls.add(new Call(topology, events));
        }

        long lastGeneration() {
            return calls.isEmpty() ? -1 : calls.get(calls.size() - 1).topology.generation();
        }

        List<TopologyEvent> events() {
            List<TopologyEvent> all = new ArrayList<>();
            calls.forEach(call -> all.addAll(call.events));
            return all;
        }
    }
}

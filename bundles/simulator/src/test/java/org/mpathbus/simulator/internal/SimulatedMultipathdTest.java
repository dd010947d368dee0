package org.mpathbus.simulator.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.After;
import org.junit.Test;
import org.mpathbus.api.CheckerState;
import org.mpathbus.api.DmGroupState;
import org.mpathbus.api.DmPathState;
import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.Path;
import org.mpathbus.api.SourceState;
import org.mpathbus.api.control.Outcome;
import org.mpathbus.api.control.Outcome.Kind;
import org.mpathbus.api.spi.SourceListener;

public class SimulatedMultipathdTest {

    private static final Duration SECOND = Duration.ofSeconds(1);

    // mpatha: group 1 sda sdi, group 2 sde sdm
    private final SimulatorComponent simulator = new SimulatorComponent(SanShape.of(4, 4, 2));
    private final SimulatedMultipathd multipathd = new SimulatedMultipathd(simulator);
    private final List<SourceState> pushed = new CopyOnWriteArrayList<>();

    public SimulatedMultipathdTest() {
        simulator.watch(new SourceListener() {
            @Override
            public void stateChanged(SourceState state) {
                pushed.add(state);
            }

            @Override
            public void sourceFailed(String message) {
            }
        });
    }

    @After
    public void stop() {
        simulator.deactivate();
    }

    @Test
    public void failAndReinstateChangeTheKernelsStateAndArePushed() throws Exception {
        assertEquals(Outcome.ok(), multipathd.failPath(path("sda"), SECOND));
        assertEquals("pushed before the call returned", 1, pushed.size());
        Path failed = path("sda");
        assertEquals(DmPathState.FAILED, failed.dmState());
        assertEquals(1, failed.failCount());
        assertEquals(3, map("mpatha").validPathCount());
        // The link is up: only the kernel's state changed, as after multipathd's fail path
        assertEquals(CheckerState.UP, simulator.probe("sda").state());

        assertEquals(Outcome.ok(), multipathd.failPath(path("sda"), SECOND));
        assertEquals("failing a failed path is ok and no dm event", 1, pushed.size());

        assertEquals(Outcome.ok(), multipathd.reinstatePath(path("sda"), SECOND));
        assertEquals(DmPathState.ACTIVE, path("sda").dmState());
        assertEquals(2, pushed.size());
    }

    @Test
    public void reinstatingAPathWhoseLinkIsDownLeavesItFailed() {
        simulator.failPath("sdi");
        multipathd.failPath(path("sdi"), SECOND);
        assertEquals(Outcome.ok(), multipathd.reinstatePath(path("sdi"), SECOND));
        assertEquals(DmPathState.FAILED, path("sdi").dmState());
        assertEquals("one fail: the link's; the administrator's came on a failed path", 1, path("sdi").failCount());
        simulator.restorePath("sdi");
        assertEquals(DmPathState.ACTIVE, path("sdi").dmState());
    }

    @Test
    public void aFaultRestoringTheLinkDoesNotUndoTheAdministratorsFail() {
        multipathd.failPath(path("sda"), SECOND);
        simulator.failPath("sda");
        simulator.restorePath("sda");
        assertEquals(DmPathState.FAILED, path("sda").dmState());
    }

    @Test
    public void aRemovedPathIsAnUnmappedDeviceUntilAddedBack() {
        assertEquals(Outcome.ok(), multipathd.removePath(path("sdm"), SECOND));
        SourceState state = simulator.read();
        assertEquals(List.of("sda", "sdi", "sde"), names(map("mpatha")));
        assertEquals(1, state.unmappedPaths().size());
        Path unmapped = state.unmappedPaths().get(0);
        assertEquals("sdm", unmapped.name());
        assertFalse(unmapped.isMapped());
        assertEquals(DmPathState.UNDEF, unmapped.dmState());
        assertEquals(map("mpatha").wwid(), unmapped.wwid());
        assertEquals(new Outcome(Kind.NOT_FOUND, "device not found"), multipathd.failPath(unmapped, SECOND));
        int removed = pushed.size();
        assertEquals("removing it again is ok and changes nothing", Outcome.ok(),
                multipathd.removePath(unmapped, SECOND));
        assertEquals(removed, pushed.size());

        assertEquals(Outcome.ok(), multipathd.addPath("/dev/sdm", SECOND));
        assertEquals(List.of("sda", "sdi", "sde", "sdm"), names(map("mpatha")));
        assertTrue(simulator.read().unmappedPaths().isEmpty());
        int events = pushed.size();
        assertEquals("adding a path in its map is ok and changes nothing", Outcome.ok(),
                multipathd.addPath("sdm", SECOND));
        assertEquals(events, pushed.size());
    }

    @Test
    public void unknownAndDeletedDevicesAreNotFound() {
        Outcome notFound = new Outcome(Kind.NOT_FOUND, "device not found");
        assertEquals(notFound, multipathd.addPath("sdzz", SECOND));
        simulator.removePath("sdb");
        assertEquals(notFound, multipathd.addPath("sdb", SECOND));
        Path ghost = path("sda").toBuilder().name("sdzz").build();
        assertEquals(notFound, multipathd.failPath(ghost, SECOND));
        assertEquals(notFound, multipathd.removePath(ghost, SECOND));
        MultipathMap gone = map("mpathb");
        simulator.removeMap("mpathb");
        assertEquals(notFound, multipathd.flushMap(gone, SECOND));
        assertEquals(notFound, multipathd.resizeMap(gone, SECOND));
        assertEquals(notFound, multipathd.switchGroup(gone, 1, SECOND));
        assertEquals(notFound, multipathd.setQueueing(gone, false, SECOND));
    }

    @Test
    public void removingTheLastPathFlushesTheMapAndAddingOneMakesItAnew() {
        MultipathMap before = map("mpatha");
        for (String name : List.of("sda", "sdi", "sde")) {
            multipathd.removePath(path(name), SECOND);
        }
        assertEquals(1, map("mpatha").pathCount());
        multipathd.removePath(path("sdm"), SECOND);
        assertTrue(simulator.read().maps().stream().noneMatch(m -> m.name().equals("mpatha")));
        assertEquals(4, simulator.read().unmappedPaths().size());

        assertEquals(Outcome.ok(), multipathd.addPath("sde", SECOND));
        MultipathMap made = map("mpatha");
        assertEquals(before.wwid(), made.wwid());
        assertEquals(List.of("sde"), names(made));
        assertEquals("a new dm device", 0, made.eventNumber());
        assertEquals(3, simulator.read().unmappedPaths().size());
    }

    @Test
    public void anOpenMapIsInUseAndAClosedOneIsFlushedLeavingItsDevices() {
        MultipathMap mpathb = map("mpathb");
        simulator.openMap("mpathb");
        simulator.openMap("mpathb");
        assertEquals(new Outcome(Kind.IN_USE, "map or partition in use"), multipathd.flushMap(mpathb, SECOND));
        simulator.closeMap("mpathb");
        assertEquals(Kind.IN_USE, multipathd.flushMap(mpathb, SECOND).kind());
        simulator.closeMap("mpathb");
        SimulatedSanTest.expect(IllegalStateException.class, "not open", () -> simulator.closeMap("mpathb"));

        assertEquals(Outcome.ok(), multipathd.flushMap(mpathb, SECOND));
        SourceState state = simulator.read();
        assertEquals(3, state.maps().size());
        assertEquals(mpathb.paths().stream().map(Path::name).sorted(Path.KERNEL_NAME_ORDER).toList(),
                state.unmappedPaths().stream().map(Path::name).toList());
        assertEquals(new Outcome(Kind.NOT_FOUND, "device not found"), multipathd.flushMap(mpathb, SECOND));
        SimulatedSanTest.expect(IllegalStateException.class, "flushed", () -> simulator.openMap("mpathb"));
    }

    @Test
    public void aResizedMapTakesItsGrownPathsSize() {
        MultipathMap mpathc = map("mpathc");
        assertEquals("the same size: ok, nothing to do", Outcome.ok(), multipathd.resizeMap(mpathc, SECOND));
        assertTrue(pushed.isEmpty());

        simulator.growLun("mpathc", 20L << 30);
        assertEquals("the paths were rescanned", 20L << 30, map("mpathc").paths().get(0).sizeBytes());
        assertEquals("the map waits for multipathd", 10L << 30, map("mpathc").sizeBytes());
        SimulatedSanTest.expect(IllegalArgumentException.class, "only grows", () -> simulator.growLun("mpathc", 1));

        assertEquals(Outcome.ok(), multipathd.resizeMap(map("mpathc"), SECOND));
        assertEquals(20L << 30, map("mpathc").sizeBytes());
        assertTrue(map("mpathc").eventNumber() > mpathc.eventNumber());
    }

    @Test
    public void switchGroupMovesIoAndABadGroupIsRefused() {
        MultipathMap mpatha = map("mpatha");
        assertEquals(1, mpatha.activeGroupIndex());
        assertEquals(1, mpatha.nextGroupIndex());
        assertEquals(Outcome.ok(), multipathd.switchGroup(mpatha, 2, SECOND));
        assertEquals(2, map("mpatha").activeGroupIndex());
        assertEquals(2, map("mpatha").nextGroupIndex());
        assertEquals(DmGroupState.ENABLED, map("mpatha").groups().get(0).dmState());

        Outcome refused = new Outcome(Kind.REFUSED, "fail");
        assertEquals(refused, multipathd.switchGroup(mpatha, 3, SECOND));
        assertEquals(refused, multipathd.switchGroup(mpatha, 0, SECOND));
        assertEquals(2, map("mpatha").activeGroupIndex());
    }

    @Test
    public void switchingToAGroupWithoutActivePathsEndsOnAUsableOne() {
        multipathd.failPath(path("sde"), SECOND);
        multipathd.failPath(path("sdm"), SECOND);
        assertEquals(Outcome.ok(), multipathd.switchGroup(map("mpatha"), 2, SECOND));
        assertEquals(1, map("mpatha").activeGroupIndex());
    }

    @Test
    public void disablingQueueingDropsTheFeatureAndRestoringGivesBackTheConfigured() {
        assertEquals("on", map("mpathd").queueing());
        assertEquals(Outcome.ok(), multipathd.setQueueing(map("mpathd"), false, SECOND));
        assertEquals("off", map("mpathd").queueing());
        assertEquals(List.of(), map("mpathd").features());
        assertEquals(Outcome.ok(), multipathd.setQueueing(map("mpathd"), true, SECOND));
        assertEquals(List.of("queue_if_no_path"), map("mpathd").features());
    }

    @Test
    public void restoringQueueingOnAMapConfiguredWithoutItLeavesItOff() {
        SanShape noQueueing = new SanShape(1, 2, 1, 2, "sim", 1L << 30, SanShape.of(1, 2, 1).identity(), true, false,
                false);
        simulator.reshape(noQueueing);
        assertEquals(Outcome.ok(), multipathd.setQueueing(map("mpatha"), true, SECOND));
        assertEquals("off", map("mpatha").queueing());
    }

    @Test
    public void reconfigureRebuildsEveryMapFromWhatTheSimulatorHas() {
        multipathd.failPath(path("sda"), SECOND);
        multipathd.removePath(path("sdi"), SECOND);
        multipathd.switchGroup(map("mpatha"), 2, SECOND);
        multipathd.setQueueing(map("mpatha"), false, SECOND);
        multipathd.flushMap(map("mpathb"), SECOND);
        simulator.failPath("sde");

        assertEquals(Outcome.ok(), multipathd.reconfigure(SECOND));
        MultipathMap mpatha = map("mpatha");
        assertEquals(List.of("sda", "sdi", "sde", "sdm"), names(mpatha));
        assertEquals(DmPathState.ACTIVE, path("sda").dmState());
        assertEquals("the fault stays", DmPathState.FAILED, path("sde").dmState());
        assertEquals(1, mpatha.activeGroupIndex());
        assertEquals("on", mpatha.queueing());
        assertEquals(4, simulator.read().maps().size());
        assertTrue(simulator.read().unmappedPaths().isEmpty());
    }

    @Test
    public void wwidsAreAddedAndForgotten() {
        String wwid = map("mpatha").wwid();
        assertEquals(new Outcome(Kind.OK, "wwid '" + wwid + "' removed"), multipathd.forgetWwid(wwid, SECOND));
        assertEquals(new Outcome(Kind.NOT_FOUND, "wwid '" + wwid + "' is not in the WWIDs file"),
                multipathd.forgetWwid(wwid, SECOND));
        assertEquals(new Outcome(Kind.OK, "wwid '" + wwid + "' added"), multipathd.addWwid(wwid, SECOND));
        assertEquals(Kind.OK, multipathd.addWwid("3600a098000000000000000000000beef", SECOND).kind());
        assertEquals(new Outcome(Kind.REFUSED, "'a b' is not a WWID"), multipathd.addWwid("a b", SECOND));
        assertEquals(Kind.REFUSED, multipathd.forgetWwid("", SECOND).kind());
        assertEquals("the kernel saw none of it", List.of(), pushed);
    }

    @Test
    public void aHungMultipathdTimesOutWithinTheTimeoutWhileReadsGoOn() throws Exception {
        SourceState before = simulator.read();
        simulator.hangMultipathd(true);
        long start = System.nanoTime();
        Outcome outcome = multipathd.failPath(path("sda"), Duration.ofMillis(200));
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(new Outcome(Kind.TIMEOUT, "timeout"), outcome);
        assertTrue("took " + tookMillis + " ms", tookMillis >= 200 && tookMillis < 5_000);
        assertSame("reads go on", before, simulator.read());
        simulator.failPath("sdi");
        assertEquals("faults go on", DmPathState.FAILED, path("sdi").dmState());
        assertEquals(DmPathState.ACTIVE, path("sda").dmState());
    }

    @Test
    public void aRequestWaitingOnAHungMultipathdIsCarriedOutWhenItWakesInTime() throws Exception {
        simulator.hangMultipathd(true);
        Path sda = path("sda");
        CompletableFuture<Outcome> waiting = CompletableFuture.supplyAsync(
                () -> multipathd.failPath(sda, Duration.ofSeconds(30)));
        Thread.sleep(50);
        assertFalse(waiting.isDone());
        simulator.hangMultipathd(false);
        assertEquals(Outcome.ok(), waiting.get(10, TimeUnit.SECONDS));
        assertEquals(DmPathState.FAILED, path("sda").dmState());
    }

    @Test
    public void aBusyMultipathdAnswersBusyAndDoesNothing() {
        simulator.busyMultipathd(true);
        assertEquals(new Outcome(Kind.BUSY, "busy"), multipathd.flushMap(map("mpatha"), SECOND));
        assertEquals(Kind.BUSY, multipathd.reconfigure(SECOND).kind());
        assertEquals(4, simulator.read().maps().size());
        simulator.busyMultipathd(false);
        assertEquals(Outcome.ok(), multipathd.flushMap(map("mpatha"), SECOND));
    }

    @Test
    public void aStoppedSimulatorIsUnavailableAndReleasesWaitingRequests() throws Exception {
        simulator.hangMultipathd(true);
        Path sda = path("sda");
        CompletableFuture<Outcome> waiting = CompletableFuture.supplyAsync(
                () -> multipathd.failPath(sda, Duration.ofSeconds(30)));
        Thread.sleep(50);
        simulator.deactivate();
        assertEquals(Kind.UNAVAILABLE, waiting.get(10, TimeUnit.SECONDS).kind());
    }

    @Test
    public void concurrentRequestsAreEachCarriedOut() throws Exception {
        List<String> names = simulator.read().maps().stream().flatMap(m -> m.paths().stream()).map(Path::name)
                .toList();
        List<CompletableFuture<Outcome>> calls = names.stream()
                .map(name -> CompletableFuture.supplyAsync(() -> multipathd.failPath(path(name), SECOND)))
                .toList();
        for (CompletableFuture<Outcome> call : calls) {
            assertEquals(Outcome.ok(), call.get(10, TimeUnit.SECONDS));
        }
        assertTrue(simulator.read().maps().stream().allMatch(m -> m.validPathCount() == 0));
        assertEquals(names.size(), pushed.size());
    }

    private Path path(String name) {
        return simulator.read().maps().stream().flatMap(m -> m.paths().stream()).filter(p -> p.name().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no path " + name + " in a map"));
    }

    private MultipathMap map(String name) {
        return simulator.read().maps().stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no map " + name));
    }

    private static List<String> names(MultipathMap map) {
        return map.paths().stream().map(Path::name).collect(Collectors.toList());
    }
}

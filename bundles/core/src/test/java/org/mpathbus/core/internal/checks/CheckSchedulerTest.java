package org.mpathbus.core.internal.checks;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.After;
import org.junit.Test;
import org.mpathbus.api.CheckerState;
import org.mpathbus.api.DeviceNumber;
import org.mpathbus.api.DeviceState;
import org.mpathbus.api.Path;
import org.mpathbus.api.spi.CheckResult;
import org.mpathbus.api.spi.PathChecker;
import org.mpathbus.testing.Await;

/**
 * Runs the scheduler on real threads with millisecond intervals. Nothing asserts how long anything took:
 * the tests wait (up to a generous limit) for what must happen and then check what must not have.
 */
public class CheckSchedulerTest {

    private final Recorder sink = new Recorder();
    private CheckScheduler scheduler;

    @After
    public void closeScheduler() {
        if (scheduler != null) {
            scheduler.close();
        }
    }

    private CheckScheduler start(int workers, Duration timeout) {
        CheckSettings settings = new CheckSettings(Duration.ofMillis(10), Duration.ofMillis(20), timeout, "tur",
                workers);
        scheduler = new CheckScheduler(settings, sink);
        return scheduler;
    }

    private CheckScheduler start(int workers) {
        return start(workers, Duration.ofSeconds(5));
    }

    private static Path path(String name, String checker) {
        return Path.builder(name, new DeviceNumber(8, name.charAt(2) * 16)).checker(checker)
                .deviceState(DeviceState.RUNNING).build();
    }


    @Test
    public void aHungCheckTimesOutAndTheOnlyWorkerSlotServesTheOtherPaths() throws Exception {
        CountDownLatch unblock = new CountDownLatch(1);
        ScriptedChecker checker = new ScriptedChecker();
        checker.hangOn("sda", unblock);
        CheckScheduler checks = start(1, Duration.ofMillis(100));
        checks.checkerAdded("sim", checker);
        checks.pathsChanged(List.of(path("sda", "sim"), path("sdb", "sim"), path("sdc", "sim")), List.of());

        Await.until("sda reads timeout", () -> sink.last("sda") != null && sink.last("sda").state() == CheckerState.TIMEOUT);
        assertTrue(sink.last("sda").message(), sink.last("sda").message().contains("100 ms"));
        int sdbBefore = checker.calls("sdb");
        Await.until("sdb and sdc are checked 20 more times while sda hangs",
                () -> checker.calls("sdb") >= sdbBefore + 20 && checker.calls("sdc") >= sdbBefore + 20);
        assertEquals("a stuck path is never checked a second time", 1, checker.calls("sda"));
        assertEquals("one slot plus the one stuck thread", 2, checks.workerThreads());

        unblock.countDown();
        Await.until("sda's late answer replaces timeout", () -> sink.last("sda").state() == CheckerState.UP);
        Await.until("sda is checked again", () -> checker.calls("sda") >= 3);
        Await.until("the stuck thread ends", () -> checks.workerThreads() == 1);
    }

    @Test
    public void theTallyCountsChecksTimeoutsAndEachPathsLastAnsweredCheck() throws Exception {
        CountDownLatch unblock = new CountDownLatch(1);
        ScriptedChecker checker = new ScriptedChecker();
        checker.hangOn("sda", unblock);
        CheckTally tally = new CheckTally();
        scheduler = new CheckScheduler(new CheckSettings(Duration.ofMillis(10), Duration.ofMillis(20),
                Duration.ofMillis(100), "tur", 1), new CheckSettings(Duration.ofMillis(10), Duration.ofMillis(20),
                Duration.ofMillis(100), "tur", 1).planner(), sink, tally);
        scheduler.checkerAdded("sim", checker);
        scheduler.pathsChanged(List.of(path("sda", "sim"), path("sdb", "sim")), List.of());

        Await.until("sda times out", () -> timedOut(tally) == 1);
        Await.until("sdb checked 5 times", () -> checker.calls("sdb") >= 5);
        assertTrue("sdb's last check", tally.lastCheck("sdb").isPresent());
        assertFalse("sda has no answered check while it hangs", tally.lastCheck("sda").isPresent());

        assertEquals("the hanging call counted as one timeout while sdb went on", 1, timedOut(tally));
        // sda's next check hangs until the end, so the late answer stays its last check while we look.
        CountDownLatch hold = new CountDownLatch(1);
        checker.hangOn("sda", hold);
        unblock.countDown();
        Await.until("sda's late answer recorded", () -> tally.lastCheck("sda").isPresent());
        assertTrue("sda's call outlived its 100 ms timeout: " + tally.lastCheck("sda").get(),
                tally.lastCheck("sda").get().duration().compareTo(Duration.ofMillis(100)) >= 0);
        scheduler.pathsChanged(List.of(), List.of(path("sdb", "sim")));
        assertFalse("a removed path's last check is forgotten", tally.lastCheck("sdb").isPresent());
        long run = tally.checkerCounts().get(0).checksRun();
        assertTrue("every answered call counted, " + run + " of " + (checker.calls("sda") + checker.calls("sdb")),
                run >= checker.calls("sdb") - 1 && run <= checker.calls("sda") + checker.calls("sdb"));
        hold.countDown();
    }

    private static long timedOut(CheckTally tally) {
        return tally.checkerCounts().stream().filter(counts -> counts.checker().equals("sim"))
                .mapToLong(counts -> counts.checksTimedOut()).sum();
    }

    @Test
    public void theDevicesOwnTimeoutAppliesWhenCheckerTimeoutIsZero() throws Exception {
        ScriptedChecker checker = new ScriptedChecker();
        CountDownLatch never = new CountDownLatch(1);
        checker.hangOn("sda", never);
        CheckScheduler checks = start(2, Duration.ZERO);
        checks.checkerAdded("sim", checker);
        checks.pathsChanged(List.of(path("sda", "sim").toBuilder().deviceTimeout(Duration.ofMillis(70)).build()),
                List.of());

        Await.until("sda reads timeout", () -> sink.last("sda") != null);
        assertEquals(PathCheck.checked("sim", CheckerState.TIMEOUT, "checker 'sim' did not answer within 70 ms"),
                sink.last("sda"));
        assertEquals(Duration.ofMillis(70), checker.timeoutSeen("sda"));
        never.countDown();
    }

    @Test
    public void withoutAnyTimeoutConfiguredTheCheckerIsGivenThirtySeconds() throws Exception {
        ScriptedChecker checker = new ScriptedChecker();
        CheckScheduler checks = start(1, Duration.ZERO);
        checks.checkerAdded("sim", checker);
        checks.pathsChanged(List.of(path("sda", "sim")), List.of());

        Await.until("sda is checked", () -> checker.calls("sda") > 0);
        assertEquals(Duration.ofSeconds(30), checker.timeoutSeen("sda"));
    }

    @Test
    public void aPathWhoseCheckerIsMissingIsUncheckedNotDown() throws Exception {
        CheckScheduler checks = start(1);
        checks.pathsChanged(List.of(path("sda", "")), List.of());

        Await.until("sda is reported", () -> sink.last("sda") != null);
        assertEquals(PathCheck.checked("tur", CheckerState.UNCHECKED, "no checker 'tur' installed"), sink.last("sda"));
    }

    @Test
    public void removingACheckerLeavesItsPathsUncheckedAndItsReturnResumesChecking() throws Exception {
        ScriptedChecker sim = new ScriptedChecker();
        ScriptedChecker other = new ScriptedChecker();
        CheckScheduler checks = start(2);
        checks.checkerAdded("sim", sim);
        checks.checkerAdded("other", other);
        checks.pathsChanged(List.of(path("sda", "sim"), path("sdb", "other")), List.of());
        Await.until("both are up", () -> sink.last("sda") != null && sink.last("sdb") != null);

        checks.checkerRemoved("sim", sim);
        assertEquals(PathCheck.checked("sim", CheckerState.UNCHECKED, "no checker 'sim' installed"), sink.last("sda"));
        assertEquals(Set.of("other"), sink.checkers);
        int callsAfterRemoval = sim.calls("sda");
        int otherCalls = other.calls("sdb");
        Await.until("sdb keeps being checked", () -> other.calls("sdb") >= otherCalls + 10);
        assertTrue("a removed checker is not called again", sim.calls("sda") <= callsAfterRemoval + 1);
        assertFalse(sink.history("sda").stream().anyMatch(check -> check.state() == CheckerState.DOWN));

        ScriptedChecker returned = new ScriptedChecker();
        checks.checkerAdded("sim", returned);
        Await.until("sda is checked by the returned checker", () -> returned.calls("sda") > 0
                && sink.last("sda").state() == CheckerState.UP);
    }

    @Test
    public void aThrowingCheckerLeavesOnlyThatPathUncheckedWithTheMessage() throws Exception {
        ScriptedChecker checker = new ScriptedChecker();
        checker.throwOn("sda", new IllegalStateException("SG_IO failed: no medium"));
        CheckScheduler checks = start(1);
        checks.checkerAdded("sim", checker);
        checks.pathsChanged(List.of(path("sda", "sim"), path("sdb", "sim")), List.of());

        Await.until("both are reported", () -> sink.last("sda") != null && sink.last("sdb") != null);
        assertEquals(PathCheck.checked("sim", CheckerState.UNCHECKED, "SG_IO failed: no medium"), sink.last("sda"));
        assertEquals(CheckerState.UP, sink.last("sdb").state());
        int calls = checker.calls("sda");
        Await.until("sda keeps being tried", () -> checker.calls("sda") > calls + 3);
    }

    @Test
    public void offlineDevicesAreDownAndBlockedOnesPendingWithoutAskingTheChecker() throws Exception {
        ScriptedChecker checker = new ScriptedChecker();
        CheckScheduler checks = start(1);
        checks.checkerAdded("sim", checker);
        checks.pathsChanged(List.of(path("sda", "sim").toBuilder().deviceState(DeviceState.OFFLINE).build(),
                path("sdb", "sim").toBuilder().deviceState(DeviceState.BLOCKED).build(),
                path("sdc", "sim")), List.of());

        Await.until("all are reported", () -> sink.last("sda") != null && sink.last("sdb") != null
                && sink.last("sdc") != null && checker.calls("sdc") > 5);
        assertEquals(PathCheck.checked("sim", CheckerState.DOWN, "device offline"), sink.last("sda"));
        assertEquals(PathCheck.checked("sim", CheckerState.PENDING, "device blocked"), sink.last("sdb"));
        assertEquals(0, checker.calls("sda"));
        assertEquals(0, checker.calls("sdb"));

        checks.pathsChanged(List.of(path("sda", "sim")), List.of());
        Await.until("sda, running again, is checked", () -> checker.calls("sda") > 0
                && sink.last("sda").state() == CheckerState.UP);
    }

    @Test
    public void aPathTheKernelFailsIsCheckedAtOnceWhateverItsInterval() throws Exception {
        ScriptedChecker checker = new ScriptedChecker();
        scheduler = new CheckScheduler(new CheckSettings(Duration.ofHours(1), Duration.ofHours(1), Duration.ofSeconds(5),
                "tur", 1), sink);
        scheduler.checkerAdded("sim", checker);
        scheduler.pathsChanged(List.of(path("sda", "sim")), List.of());
        Await.until("sda is checked", () -> checker.calls("sda") == 1);

        scheduler.pathsChanged(List.of(path("sda", "sim").toBuilder().dmState(org.mpathbus.api.DmPathState.FAILED)
                .build()), List.of());

        Await.until("sda is checked again", () -> checker.calls("sda") == 2);
    }

    @Test
    public void onlyChangesAreReported() throws Exception {
        ScriptedChecker checker = new ScriptedChecker();
        CheckScheduler checks = start(2);
        checks.checkerAdded("sim", checker);
        checks.pathsChanged(List.of(path("sda", "sim")), List.of());
        Await.until("sda is checked 10 times", () -> checker.calls("sda") >= 10);
        assertEquals(1, sink.history("sda").size());

        checker.answer("sda", CheckResult.of(CheckerState.DOWN, "link down"));
        Await.until("down is reported", () -> sink.last("sda").state() == CheckerState.DOWN);
        int calls = checker.calls("sda");
        Await.until("sda is checked 10 more times", () -> checker.calls("sda") >= calls + 10);
        assertEquals(2, sink.history("sda").size());
    }

    @Test
    public void releaseIsCalledWhenAPathGoesAwayOrChangesChecker() throws Exception {
        ScriptedChecker sim = new ScriptedChecker();
        ScriptedChecker other = new ScriptedChecker();
        CheckScheduler checks = start(1);
        checks.checkerAdded("sim", sim);
        checks.checkerAdded("other", other);
        checks.pathsChanged(List.of(path("sda", "sim"), path("sdb", "sim")), List.of());
        Await.until("both are checked", () -> sim.calls("sda") > 0 && sim.calls("sdb") > 0);

        checks.pathsChanged(List.of(path("sdb", "other")), List.of(path("sda", "sim")));

        Await.until("sim releases both", () -> sim.released.containsAll(List.of("sda", "sdb")));
        Await.until("other checks sdb", () -> other.calls("sdb") > 0);
        assertEquals(1, checks.pathCount());
        assertEquals(List.of(), other.released);
        int calls = sim.calls("sda");
        Await.until("sdb is checked 10 more times by other", () -> other.calls("sdb") > 10);
        assertTrue("a removed path is not checked again", sim.calls("sda") <= calls);
    }

    @Test
    public void closingReleasesEveryPath() throws Exception {
        ScriptedChecker sim = new ScriptedChecker();
        CheckScheduler checks = start(1);
        checks.checkerAdded("sim", sim);
        checks.pathsChanged(List.of(path("sda", "sim"), path("sdb", "sim")), List.of());
        Await.until("both are checked", () -> sim.calls("sda") > 0 && sim.calls("sdb") > 0);

        checks.close();

        assertTrue(sim.released.containsAll(List.of("sda", "sdb")));
    }

    /** Answers up unless told otherwise per path; can hang or throw on a path. */
    static final class ScriptedChecker implements PathChecker {
        private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        private final Map<String, CountDownLatch> hangs = new ConcurrentHashMap<>();
        private final Map<String, Exception> throwing = new ConcurrentHashMap<>();
        private final Map<String, CheckResult> answers = new ConcurrentHashMap<>();
        private final Map<String, Duration> timeouts = new ConcurrentHashMap<>();
        final List<String> released = new CopyOnWriteArrayList<>();

        void hangOn(String path, CountDownLatch until) {
            hangs.put(path, until);
        }

        void throwOn(String path, Exception failure) {
            throwing.put(path, failure);
        }

        void answer(String path, CheckResult result) {
            answers.put(path, result);
        }

        int calls(String path) {
            AtomicInteger count = calls.get(path);
            return count == null ? 0 : count.get();
        }

        Duration timeoutSeen(String path) {
            return timeouts.get(path);
        }

        @Override
        public CheckResult check(Path path, Duration timeout) throws Exception {
            calls.computeIfAbsent(path.name(), name -> new AtomicInteger()).incrementAndGet();
            timeouts.put(path.name(), timeout);
            CountDownLatch hang = hangs.remove(path.name());
            if (hang != null) {
                hang.await();
            }
            Exception failure = throwing.get(path.name());
            if (failure != null) {
                throw failure;
            }
            return answers.getOrDefault(path.name(), CheckResult.of(CheckerState.UP, "ok"));
        }

        @Override
        public void release(Path path) {
            released.add(path.name());
        }
    }

    /** Records what the scheduler reports. */
    static final class Recorder implements CheckResultSink {
        private final Map<String, List<PathCheck>> byPath = new ConcurrentHashMap<>();
        volatile SortedSet<String> checkers;

        @Override
        public void pathChecked(String path, PathCheck check) {
            byPath.computeIfAbsent(path, name -> new CopyOnWriteArrayList<>()).add(check);
        }

        @Override
        public void checkersChanged(SortedSet<String> names) {
            checkers = names;
        }

        PathCheck last(String path) {
            List<PathCheck> checks = byPath.get(path);
            return checks == null || checks.isEmpty() ? null : checks.get(checks.size() - 1);
        }

        List<PathCheck> history(String path) {
            return new ArrayList<>(byPath.getOrDefault(path, List.of()));
        }
    }
}

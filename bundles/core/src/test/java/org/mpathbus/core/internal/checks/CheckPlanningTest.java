package org.mpathbus.core.internal.checks;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.After;
import org.junit.Test;
import org.mpathbus.api.CheckerState;
import org.mpathbus.api.DeviceNumber;
import org.mpathbus.api.DeviceState;
import org.mpathbus.api.Path;
import org.mpathbus.testing.Await;

/**
 * The scheduler following a {@link CheckPlanner} (multipath.conf in the daemon): per-path checkers and
 * timeouts, blacklisted paths left unchecked, plans made once per path change or planner, never per check.
 */
public class CheckPlanningTest {

    private static final CheckSettings SETTINGS = new CheckSettings(Duration.ofMillis(10), Duration.ofMillis(20),
            Duration.ofSeconds(5), "tur", 2);
    private final CheckSchedulerTest.Recorder sink = new CheckSchedulerTest.Recorder();
    private final CheckSchedulerTest.ScriptedChecker tur = new CheckSchedulerTest.ScriptedChecker();
    private final CheckSchedulerTest.ScriptedChecker directio = new CheckSchedulerTest.ScriptedChecker();
    private CheckScheduler scheduler;

    @After
    public void close() {
        if (scheduler != null) {
            scheduler.close();
        }
    }

    /** Plans by name: the blacklisted names are not checked, the others use the checker given for them. */
    private static final class NamedPlanner implements CheckPlanner {
        final long generation;
        final Set<String> blacklisted;
        final Map<String, String> checkers;
        final Map<String, AtomicInteger> plansMade = new ConcurrentHashMap<>();

        NamedPlanner(long generation, Set<String> blacklisted, Map<String, String> checkers) {
            this.generation = generation;
            this.blacklisted = blacklisted;
            this.checkers = checkers;
        }

        @Override
        public long generation() {
            return generation;
        }

        @Override
        public PathPlan planFor(Path path) {
            plansMade.computeIfAbsent(path.name(), n -> new AtomicInteger()).incrementAndGet();
            return new PathPlan(checkers.getOrDefault(path.name(), "tur"), Duration.ofMillis(10), Duration.ofMillis(20),
                    Duration.ofMillis(path.name().equals("sdc") ? 700 : 900),
                    blacklisted.contains(path.name()) ? "devnode \"^" + path.name() + "$\" (/etc/multipath.conf:7)" : "",
                    blacklisted.contains(path.name()) ? "blacklisted by devnode \"^" + path.name()
                            + "$\" (/etc/multipath.conf:7)" : "");
        }

        int plans(String path) {
            AtomicInteger count = plansMade.get(path);
            return count == null ? 0 : count.get();
        }
    }

    private CheckScheduler start(CheckPlanner planner) {
        scheduler = new CheckScheduler(SETTINGS, planner, sink);
        scheduler.checkerAdded("tur", tur);
        scheduler.checkerAdded("directio", directio);
        return scheduler;
    }

    private static Path path(String name) {
        return Path.builder(name, new DeviceNumber(8, name.charAt(2) * 16)).checker("")
                .deviceState(DeviceState.RUNNING).build();
    }


    @Test
    public void aBlacklistedPathIsNeverCheckedAndSaysByWhichRule() throws Exception {
        CheckScheduler checks = start(new NamedPlanner(1, Set.of("sda"), Map.of("sdc", "directio")));
        checks.pathsChanged(List.of(path("sda"), path("sdb"), path("sdc")), List.of());

        Await.until("sdb and sdc are checked several times", () -> tur.calls("sdb") >= 3 && directio.calls("sdc") >= 3);
        assertEquals(new PathCheck("tur", CheckerState.UNCHECKED,
                "blacklisted by devnode \"^sda$\" (/etc/multipath.conf:7)", "devnode \"^sda$\" (/etc/multipath.conf:7)"),
                sink.last("sda"));
        assertEquals(0, tur.calls("sda"));
        assertEquals(0, directio.calls("sdb"));
        assertEquals("the plan's checker_timeout reaches the checker", Duration.ofMillis(700),
                directio.timeoutSeen("sdc"));
        assertEquals(CheckerState.UP, sink.last("sdc").state());
        assertEquals("directio", sink.last("sdc").checker());
    }

    @Test
    public void plansAreMadePerPathChangeAndPlannerNeverPerCheck() throws Exception {
        NamedPlanner planner = new NamedPlanner(1, Set.of(), Map.of());
        CheckScheduler checks = start(planner);
        Path sdb = path("sdb");
        checks.pathsChanged(List.of(sdb), List.of());
        Await.until("sdb is checked many times", () -> tur.calls("sdb") >= 10);
        assertEquals(1, planner.plans("sdb"));

        checks.pathsChanged(List.of(sdb), List.of());
        assertEquals("the same Path instance under the same planner is not planned again", 1, planner.plans("sdb"));
        checks.pathsChanged(List.of(sdb.toBuilder().priority(50).build()), List.of());
        assertEquals(2, planner.plans("sdb"));

        NamedPlanner reloaded = new NamedPlanner(2, Set.of(), Map.of());
        checks.plannerChanged(reloaded);
        assertEquals(1, reloaded.plans("sdb"));
        int before = tur.calls("sdb");
        Await.until("sdb is checked again many times", () -> tur.calls("sdb") >= before + 10);
        assertEquals(1, reloaded.plans("sdb"));
        assertEquals(2, planner.plans("sdb"));
    }

    @Test
    public void aReloadBlacklistsAPathReleasesItsCheckerAndUnblacklistingChecksItAgain() throws Exception {
        CheckScheduler checks = start(new NamedPlanner(1, Set.of(), Map.of()));
        checks.pathsChanged(List.of(path("sda"), path("sdb")), List.of());
        Await.until("sda is up", () -> sink.last("sda") != null && sink.last("sda").state() == CheckerState.UP);

        checks.plannerChanged(new NamedPlanner(2, Set.of("sda"), Map.of()));
        assertTrue(sink.last("sda").message().startsWith("blacklisted by devnode"));
        Await.until("tur released sda", () -> tur.released.contains("sda"));
        int callsWhenBlacklisted = tur.calls("sda");
        int sdbBefore = tur.calls("sdb");
        Await.until("sdb goes on being checked", () -> tur.calls("sdb") >= sdbBefore + 10);
        assertTrue("at most a check in flight at the reload ends", tur.calls("sda") <= callsWhenBlacklisted + 1);
        assertEquals(CheckerState.UNCHECKED, sink.last("sda").state());

        checks.plannerChanged(new NamedPlanner(3, Set.of(), Map.of("sda", "directio")));
        Await.until("sda is checked by directio", () -> directio.calls("sda") >= 1 && sink.last("sda").state() == CheckerState.UP);
        assertEquals("directio", sink.last("sda").checker());
    }

    @Test
    public void aCheckerArrivingLaterDoesNotCheckBlacklistedPaths() throws Exception {
        scheduler = new CheckScheduler(SETTINGS, new NamedPlanner(1, Set.of("sda"), Map.of()),
                sink);
        scheduler.pathsChanged(List.of(path("sda"), path("sdb")), List.of());
        Await.until("sdb has no checker", () -> sink.last("sdb") != null);
        scheduler.checkerAdded("tur", tur);
        Await.until("sdb is up", () -> sink.last("sdb").state() == CheckerState.UP);
        assertEquals(0, tur.calls("sda"));
        assertTrue(sink.last("sda").message().startsWith("blacklisted by"));
    }
}

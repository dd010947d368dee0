package org.mpathbus.core.internal.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.Test;
import org.mpathbus.api.DeviceIdentity;
import org.mpathbus.api.DeviceNumber;
import org.mpathbus.api.Path;
import org.mpathbus.config.BlacklistCriterion;
import org.mpathbus.config.BlacklistVerdict;
import org.mpathbus.core.internal.checks.CheckPlanner;
import org.mpathbus.core.internal.checks.CheckSettings;
import org.mpathbus.core.internal.checks.PathPlan;

/** How multipath.conf's answers become check plans, with a fake configuration service. */
public class MultipathConfPlansTest {

    /** org.mpathbus.core.checks as a test sets it: values multipath-tools would never choose. */
    private static final CheckSettings DAEMON = new CheckSettings(Duration.ofSeconds(2), Duration.ofSeconds(3),
            Duration.ofSeconds(9), "directio", 4);

    private static Path path(String name, String vendor, String sourceChecker) {
        return Path.builder(name, new DeviceNumber(8, 16)).identity(new DeviceIdentity(vendor, "DISK", "1"))
                .checker(sourceChecker).build();
    }

    @Test
    public void theConfiguredCheckerAndIntervalsApplyUnlessTheSourceNamesItsOwnChecker() {
        FakeMultipathConfiguration config = new FakeMultipathConfiguration(FakeMultipathConfiguration.Values.defaults()
                .pathChecker("readsector0").polling(7, 0, "12").device("NETAPP", "directio"));
        CheckPlanner planner = new MultipathConfPlans(config).current(DAEMON);

        PathPlan netapp = planner.planFor(path("sdb", "NETAPP", ""));
        assertEquals("directio", netapp.checker());
        assertEquals(Duration.ofSeconds(7), netapp.pollingInterval());
        assertEquals("max_polling_interval below polling_interval is raised to it", Duration.ofSeconds(7),
                netapp.maxPollingInterval());
        assertEquals(Duration.ofSeconds(12), netapp.checkerTimeout());
        assertFalse(netapp.blacklisted());
        assertEquals("readsector0", planner.planFor(path("sdc", "LIO-ORG", "")).checker());
        assertEquals("the simulator's own checker wins", "sim", planner.planFor(path("sdd", "NETAPP", "sim")).checker());
    }

    @Test
    public void whatMultipathConfLeavesBuiltInComesFromTheDaemonsSettings() {
        CheckPlanner planner = new MultipathConfPlans(new FakeMultipathConfiguration(
                FakeMultipathConfiguration.Values.builtin().device("NETAPP", "rdac"))).current(DAEMON);
        PathPlan plan = planner.planFor(path("sdb", "X", ""));
        assertEquals("directio", plan.checker());
        assertEquals(Duration.ofSeconds(2), plan.pollingInterval());
        assertEquals(Duration.ofSeconds(3), plan.maxPollingInterval());
        assertEquals(Duration.ofSeconds(9), plan.checkerTimeout());
        assertEquals("the hardware table is not built-in defaults", "rdac",
                planner.planFor(path("sdc", "NETAPP", "")).checker());
    }

    @Test
    public void aMaxPollingIntervalLeftToTheDaemonIsFourTimesTheConfiguredPollingInterval() {
        CheckSettings daemonDefaults = new CheckSettings(Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ZERO,
                "tur", 4);
        CheckPlanner planner = new MultipathConfPlans(new FakeMultipathConfiguration(
                FakeMultipathConfiguration.Values.builtin().polling(6, 0, ""))).current(daemonDefaults);
        PathPlan plan = planner.planFor(path("sdb", "X", ""));
        assertEquals(Duration.ofSeconds(6), plan.pollingInterval());
        assertEquals(Duration.ofSeconds(24), plan.maxPollingInterval());
        assertEquals("unset everywhere: the device's own timeout", Duration.ZERO, plan.checkerTimeout());
    }

    @Test
    public void aBlacklistedPathIsPlannedUncheckedWithTheRuleThatBlacklistsIt() {
        FakeMultipathConfiguration config = new FakeMultipathConfiguration(
                FakeMultipathConfiguration.Values.defaults().blacklistDevnode("^sd[x-z]", "^sd[a-c]"));
        CheckPlanner planner = new MultipathConfPlans(config).current(DAEMON);

        PathPlan sdb = planner.planFor(path("sdb", "X", ""));
        assertTrue(sdb.blacklisted());
        assertEquals("devnode \"^sd[a-c]\" (/etc/multipath.conf:8)", sdb.blacklistedBy());
        assertEquals("blacklisted by devnode \"^sd[a-c]\" (/etc/multipath.conf:8)", sdb.uncheckedBecause());
        assertFalse(planner.planFor(path("sdd", "X", "")).blacklisted());
    }

    @Test
    public void withoutARuleTheVerdictKeepsMultipathsOwnWords() {
        BlacklistVerdict propertyMissing = new BlacklistVerdict(Optional.of(BlacklistCriterion.PROPERTY),
                Optional.empty(), List.of(), "sdb: blacklisted, udev property missing");
        assertEquals("sdb: blacklisted, udev property missing", propertyMissing.blacklistedBy());
    }

    @Test
    public void oneGenerationHasOnePlannerAndAReloadMakesANewOneAndTellsTheListeners() {
        FakeMultipathConfiguration config = new FakeMultipathConfiguration(FakeMultipathConfiguration.Values.defaults());
        MultipathConfPlans plans = new MultipathConfPlans(config);
        config.listeners.add(plans);
        AtomicInteger reloads = new AtomicInteger();
        Runnable listener = reloads::incrementAndGet;
        plans.addReloadListener(listener);
        CheckPlanner first = plans.current(DAEMON);
        assertSame(first, plans.current(DAEMON));

        config.reload(FakeMultipathConfiguration.Values.defaults().blacklistDevnode("^sdb$"));
        assertEquals(1, reloads.get());
        CheckPlanner second = plans.current(DAEMON);
        assertNotSame(first, second);
        assertEquals(2, second.generation());
        assertTrue(second.planFor(path("sdb", "X", "")).blacklisted());

        plans.removeReloadListener(listener);
        config.reload(FakeMultipathConfiguration.Values.defaults());
        assertEquals(1, reloads.get());
    }
}

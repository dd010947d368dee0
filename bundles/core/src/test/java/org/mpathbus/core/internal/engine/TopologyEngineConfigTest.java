package org.mpathbus.core.internal.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.After;
import org.junit.Test;
import org.mpathbus.api.CheckerState;
import org.mpathbus.api.Path;
import org.mpathbus.api.spi.MultipathSource;
import org.mpathbus.api.spi.PathChecker;
import org.mpathbus.core.internal.checks.CheckSettings;
import org.mpathbus.core.internal.config.FakeMultipathConfiguration;
import org.mpathbus.core.internal.config.FakeMultipathConfiguration.Values;
import org.mpathbus.core.internal.config.MultipathConfPlans;
import org.mpathbus.testing.Await;

/** The engine with a multipath configuration service that comes, reloads and goes. */
public class TopologyEngineConfigTest {

    private TopologyEngine engine;

    @After
    public void closeEngine() {
        if (engine != null) {
            engine.close();
        }
    }


    private Path path(String name) {
        return engine.topology().path(name).orElseThrow();
    }

    @Test
    public void blacklistedPathsStayUncheckedUntilAReloadOrTheConfigurationLeaves() throws Exception {
        engine = new TopologyEngine("simulator", Duration.ofHours(1), new CheckSettings(Duration.ofMillis(20),
                Duration.ofMillis(80), Duration.ofSeconds(5), "tur", 2), Clock.systemUTC(), 100_000);
        engine.addChecker(new TopologyEngineTest.UpChecker(), "sim");
        engine.addSource(new TopologyEngineTest.FakeSource(Sans.state(1)), "simulator");
        Await.until("every path is up", () -> engine.topology().paths().values().stream()
                .allMatch(p -> p.checkerState() == CheckerState.UP));

        FakeMultipathConfiguration configuration = new FakeMultipathConfiguration(
                Values.defaults().blacklistDevnode("^sd-1-1$"));
        MultipathConfPlans plans = new MultipathConfPlans(configuration);
        configuration.listeners.add(plans);
        engine.useConfiguredPlans(plans);
        Await.until("sd-1-1 is blacklisted", () -> path("sd-1-1").checkerState() == CheckerState.UNCHECKED);
        assertEquals("blacklisted by devnode \"^sd-1-1$\" (/etc/multipath.conf:7)", path("sd-1-1").checkerMessage());
        assertEquals("the verdict is on the model", "devnode \"^sd-1-1$\" (/etc/multipath.conf:7)",
                path("sd-1-1").blacklistedBy());
        assertTrue(engine.topology().blacklistApplied());
        assertEquals(CheckerState.UP, path("sd-1-2").checkerState());
        assertEquals("", path("sd-1-2").blacklistedBy());
        int evaluated = configuration.evaluations.get();
        Thread.sleep(200);
        assertEquals("steady paths are not evaluated again", evaluated, configuration.evaluations.get());

        configuration.reload(Values.defaults().blacklistDevnode("^sd-1-2$"));
        Await.until("the reload applies", () -> path("sd-1-1").checkerState() == CheckerState.UP
                && path("sd-1-2").checkerState() == CheckerState.UNCHECKED);
        assertEquals("", path("sd-1-1").blacklistedBy());
        assertEquals("devnode \"^sd-1-2$\" (/etc/multipath.conf:7)", path("sd-1-2").blacklistedBy());

        engine.dropConfiguredPlans(plans);
        Await.until("without a configuration every path is checked", () -> path("sd-1-2").checkerState() == CheckerState.UP);
        assertEquals("", path("sd-1-2").blacklistedBy());
        assertFalse(engine.topology().blacklistApplied());
    }
}

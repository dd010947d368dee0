package org.mpathbus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.Before;
import org.junit.Test;
import org.mpathbus.api.CheckerState;
import org.mpathbus.api.Topology;
import org.mpathbus.config.ConfigProblem;
import org.mpathbus.config.EffectiveSettings;
import org.mpathbus.config.MultipathConfig;
import org.mpathbus.config.MultipathConfiguration;
import org.mpathbus.testing.Await;

/**
 * The daemon's bundles with the multipath.conf reader pointed (ConfigAdmin, PID org.mpathbus.config) at a file
 * this test writes: the engine leaves the blacklisted simulated path unchecked and names the rule; a broken
 * file leaves the previous configuration in force with its error's file and line; the fixed file applies.
 */
public class MultipathConfIT extends MpathbusTestSupport {

    private static final String CONFIG_PID = "org.mpathbus.config";
    private static final int MAPS = 3;
    private static final int PATHS_PER_MAP = 4;

    private Path conf;
    private Object serviceIdBefore;

    @Before
    public void simulatedSanAndAConfigurationFile() throws Exception {
        awaitSettledEngine();
        configureAndAwait(SIMULATOR_PID, Map.of("maps", MAPS, "paths_per_map", PATHS_PER_MAP, "path_groups_per_map", 2,
                "checker", "sim"));
        awaitSimulatedSan(MAPS, PATHS_PER_MAP);
        Path dir = emptyDirectory("multipath-conf");
        conf = dir.resolve("multipath.conf");
        write("^sdb$");
        serviceIdBefore = serviceId();
        configureAndAwait(CONFIG_PID, Map.of("config_file", conf.toString(),
                "config_dir", dir.resolve("conf.d").toString(), "bindings_file", dir.resolve("bindings").toString(),
                "wwids_file", dir.resolve("wwids").toString(), "reload_check_interval", 1));
    }

    /** A configuration that blacklists the devnodes matching {@code blacklisted}; line 13 holds that rule. */
    private void write(String blacklisted) throws Exception {
        Files.writeString(conf, """
                # written by MultipathConfIT
                defaults {
                	polling_interval 1
                }
                devices {
                	device {
                		vendor "LIO-ORG"
                		product "mpathbus-sim"
                		path_checker directio
                	}
                }
                blacklist {
                	devnode "%s"
                }
                """.formatted(blacklisted));
    }

    private Object serviceId() {
        service(MultipathConfiguration.class);
        return context().getServiceReference(MultipathConfiguration.class).getProperty("service.id");
    }

    private String rule(String regex) {
        return "blacklisted by devnode \"" + regex + "\" (" + conf + ":13)";
    }

    /** Waits until exactly {@code blacklisted} is unchecked with the rule for {@code regex}, every other path up. */
    private Topology awaitBlacklisted(String blacklisted, String regex) {
        return awaitTopology(blacklisted + " blacklisted by " + regex + ", the other paths up", t -> t.paths().values()
                .stream().allMatch(p -> p.name().equals(blacklisted)
                        ? p.checkerState() == CheckerState.UNCHECKED && p.checkerMessage().equals(rule(regex))
                        : p.checkerState() == CheckerState.UP));
    }

    @Test
    public void theBlacklistedPathIsNotCheckedABrokenFileChangesNothingAndTheFixedOneApplies() throws Exception {
        Topology topology = awaitBlacklisted("sdb", "^sdb$");
        assertEquals("new locations apply in place: the service stays", serviceIdBefore, serviceId());
        assertEquals(MAPS * PATHS_PER_MAP, topology.paths().size());
        assertEquals("the simulator's own checker wins over the device section's", "sim",
                topology.path("sda").orElseThrow().checker());

        MultipathConfiguration configuration = service(MultipathConfiguration.class);
        MultipathConfig applied = configuration.current();
        assertEquals(List.of(conf.toString()), applied.configFiles());
        EffectiveSettings sda = configuration.settingsFor(topology.path("sda").orElseThrow());
        assertEquals(1, sda.pollingInterval());
        assertEquals("directio", sda.pathChecker());
        assertEquals(conf + ":9", sda.get("path_checker").orElseThrow().source());

        Files.writeString(conf, """
                defaults {
                	polling_interval 2
                blacklist {
                	devnode "^sdc$"
                }
                """);
        Await.until("the broken file's error", Await.DEFAULT, () -> configuration.lastError().isPresent(),
                () -> "generation " + configuration.current().generation());
        ConfigProblem error = configuration.lastError().orElseThrow();
        assertEquals(conf.toString(), error.file());
        assertTrue(error.toString(), error.line() > 0);
        assertTrue(error.toString(), error.toString().startsWith(conf + ":" + error.line() + ": "));
        assertEquals("the previous configuration stays in force", applied.generation(),
                configuration.current().generation());
        awaitBlacklisted("sdb", "^sdb$");

        write("^sd[c]$");
        Await.until("the fixed file applies", Await.DEFAULT,
                () -> configuration.lastError().isEmpty() && configuration.current().generation() > applied.generation(),
                () -> "last error " + configuration.lastError().map(Object::toString).orElse("none"));
        awaitBlacklisted("sdc", "^sd[c]$");
        assertEquals(Optional.empty(), configuration.lastError());
    }
}

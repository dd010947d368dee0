package org.mpathbus.shell.internal;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.Before;
import org.junit.Test;
import org.mpathbus.config.internal.TestConfigurations;

/** mpath:paths with the real multipath.conf reader on a file written by the test. */
public class PathsBlacklistTest {

    private final InspectionCommands commands = new InspectionCommands(
            new CommandsTest.FakeTopologyService(Fixtures.topology()));
    private Path conf;

    @Before
    public void configure() throws Exception {
        Path dir = Files.createTempDirectory("mpathbus-shell-config");
        conf = dir.resolve("multipath.conf");
        Files.writeString(conf, """
                blacklist {
                	devnode "^sdd$"
                }
                """);
        commands.blacklist = new MultipathConfigBlacklist(TestConfigurations.readerIn(dir));
    }

    private static String row(String table, String path) {
        return Arrays.stream(table.split("\n")).filter(line -> line.startsWith(path + " ")).findFirst().orElseThrow();
    }

    @Test
    public void theTableNamesTheRuleThatBlacklistsAPath() {
        String table = commands.paths(false);
        assertTrue(table, table.lines().findFirst().orElseThrow().endsWith("BLACKLIST"));
        assertTrue(table, row(table, "sdd").endsWith("devnode \"^sdd$\" (" + conf + ":2)"));
        assertTrue(table, row(table, "sdb").endsWith(" -"));
    }

    @Test
    public void jsonCarriesTheRuleOrNothing() {
        String json = commands.paths(true);
        assertTrue(json, json.contains("\"blacklist\": \"devnode \\\"^sdd$\\\" (" + conf + ":2)\""));
        assertTrue(json, json.contains("\"blacklist\": \"\""));
    }

    @Test
    public void withoutTheConfigurationNothingIsSaidAboutTheBlacklist() {
        commands.blacklist = null;
        assertFalse(commands.paths(false).contains("BLACKLIST"));
        assertFalse(commands.paths(true).contains("\"blacklist\""));
    }
}

package org.mpathbus.shell.internal;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.Test;
import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.PathGroup;
import org.mpathbus.api.Topology;
import org.mpathbus.testing.FixedTopologyService;

/** mpath:paths shows the engine's blacklist verdicts, which each path carries, while the blacklist applies. */
public class PathsBlacklistTest {

    private static final String RULE = "devnode \"^sdd$\" (/etc/multipath.conf:2)";

    private static InspectionCommands commands(boolean blacklistApplied) {
        Topology plain = Fixtures.topology();
        MultipathMap mpatha = Fixtures.mpatha();
        PathGroup first = mpatha.groups().get(0);
        PathGroup withVerdict = PathGroup.of(first.index(), first.priority(), first.selector(), first.dmState(),
                List.of(first.paths().get(0), first.paths().get(1).toBuilder().blacklistedBy(RULE).build()));
        Topology topology = Topology.builder(plain.generation(), plain.timestamp(), plain.source())
                .maps(List.of(mpatha.toBuilder().groups(List.of(withVerdict, mpatha.groups().get(1))).build(),
                        Fixtures.byWwid()))
                .unmappedPaths(plain.unmappedPaths()).checkers(plain.checkers()).blacklistApplied(blacklistApplied)
                .build();
        return new InspectionCommands(new FixedTopologyService(topology));
    }

    private static String row(String table, String path) {
        return Arrays.stream(table.split("\n")).filter(line -> line.startsWith(path + " ")).findFirst().orElseThrow();
    }

    @Test
    public void theTableNamesTheRuleThatBlacklistsAPath() {
        String table = commands(true).paths(false);
        assertTrue(table, table.lines().findFirst().orElseThrow().endsWith("BLACKLIST"));
        assertTrue(table, row(table, "sdd").endsWith(RULE));
        assertTrue(table, row(table, "sdb").endsWith(" -"));
    }

    @Test
    public void jsonCarriesTheRuleOrNothing() {
        String json = commands(true).paths(true);
        assertTrue(json, json.contains("\"blacklist\": \"devnode \\\"^sdd$\\\" (/etc/multipath.conf:2)\""));
        assertTrue(json, json.contains("\"blacklist\": \"\""));
    }

    @Test
    public void withoutTheConfigurationNothingIsSaidAboutTheBlacklist() {
        assertFalse(commands(false).paths(false).contains("BLACKLIST"));
        assertFalse(commands(false).paths(true).contains("\"blacklist\""));
    }
}

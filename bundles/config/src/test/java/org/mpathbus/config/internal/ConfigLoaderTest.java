package org.mpathbus.config.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.mpathbus.config.ConfigProblem;
import org.mpathbus.config.Origin;

public class ConfigLoaderTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path conf;
    private Path dir;
    private ConfigLoader.Locations where;

    @Before
    public void setUp() throws Exception {
        Path root = tmp.getRoot().toPath();
        conf = root.resolve("multipath.conf");
        dir = root.resolve("conf.d");
        where = new ConfigLoader.Locations(conf, dir, root.resolve("bindings"), root.resolve("wwids"));
    }

    @Test
    public void missingFileGivesTheBuiltInDefaultsOfMultipathTools094() throws Exception {
        ConfigSnapshot c = ConfigLoader.load(where);
        assertEquals(List.of(), c.configFiles());
        assertEquals("5", c.defaults().value("polling_interval"));
        assertEquals("20", c.defaults().value("max_polling_interval"));
        assertEquals("tur", c.defaults().value("path_checker"));
        assertEquals("strict", c.defaults().value("find_multipaths"));
        assertEquals("no", c.defaults().value("user_friendly_names"));
        assertEquals("service-time 0", c.defaults().value("path_selector"));
        assertEquals("", c.defaults().value("checker_timeout"));
        assertEquals(Origin.BUILTIN, c.defaults().origin("polling_interval"));
        assertEquals(123, c.devices().size());
    }

    @Test
    public void badNumbersAreWarnedWithFileAndLineAndTheDefaultStays() throws Exception {
        Files.writeString(conf, "defaults {\n polling_interval 1O\n no_path_retry -3\n checker_timeout 12x\n}\n");
        ConfigSnapshot c = ConfigLoader.load(where);
        assertEquals(List.of(new ConfigProblem(conf.toString(), 2, "invalid value for polling_interval: \"1O\""),
                new ConfigProblem(conf.toString(), 3, "value for no_path_retry too small, capping at 1"),
                new ConfigProblem(conf.toString(), 4, "invalid value for checker_timeout: \"12x\"")), c.warnings());
        assertEquals("5", c.defaults().value("polling_interval"));
        assertEquals("1", c.defaults().value("no_path_retry"));
        assertEquals("", c.defaults().value("checker_timeout"));
    }

    @Test
    public void unknownKeywordsAndSectionsAreWarnedNotFatal() throws Exception {
        Files.writeString(conf, "defaults {\n bogus 1\n polling_interval 7\n}\nblacklist_exception {\n devnode x\n}\n");
        ConfigSnapshot c = ConfigLoader.load(where);
        assertEquals(List.of(new ConfigProblem(conf.toString(), 2, "invalid keyword in the defaults section: bogus"),
                new ConfigProblem(conf.toString(), 5, "invalid keyword: blacklist_exception")), c.warnings());
        assertEquals("7", c.defaults().value("polling_interval"));
    }

    @Test
    public void syntaxErrorNamesFileAndLine() throws Exception {
        Files.createDirectories(dir);
        Files.writeString(conf, "defaults {\n polling_interval 7\n}\n");
        Files.writeString(dir.resolve("broken.conf"), "blacklist {\n wwid \"abc\n}\n");
        try {
            ConfigLoader.load(where);
            fail("a broken conf.d file must not load");
        } catch (ConfigSyntaxException e) {
            assertEquals(new ConfigProblem(dir.resolve("broken.conf").toString(), 2, "missing closing quote"), e.problem());
        }
    }

    @Test
    public void configDirFilesAreReadInNameOrderAfterTheMainFile() throws Exception {
        Files.createDirectories(dir);
        Files.writeString(conf, "defaults {\n polling_interval 7\n}\n");
        Files.writeString(dir.resolve("20-b.conf"), "defaults {\n polling_interval 9\n}\n");
        Files.writeString(dir.resolve("10-a.conf"), "defaults {\n polling_interval 8\n path_checker directio\n}\n");
        Files.writeString(dir.resolve("30-c.txt"), "defaults {\n polling_interval 99\n}\n");
        ConfigSnapshot c = ConfigLoader.load(where);
        assertEquals(List.of(conf.toString(), dir.resolve("10-a.conf").toString(), dir.resolve("20-b.conf").toString()),
                c.configFiles());
        assertEquals("9", c.defaults().value("polling_interval"));
        assertEquals("36", c.defaults().value("max_polling_interval"));
        assertEquals(dir.resolve("20-b.conf") + ":2", c.defaults().get("polling_interval").orElseThrow().source());
        assertEquals("directio", c.defaults().value("path_checker"));
    }

    @Test
    public void configDirInTheMainFileWins() throws Exception {
        Path other = Files.createDirectories(tmp.getRoot().toPath().resolve("other"));
        Files.writeString(other.resolve("x.conf"), "defaults {\n polling_interval 11\n}\n");
        Files.writeString(conf, "defaults {\n config_dir \"" + other + "\"\n}\n");
        assertEquals("11", ConfigLoader.load(where).defaults().value("polling_interval"));
    }

    @Test
    public void bindingsAndWwidsFiles() throws Exception {
        Path root = tmp.getRoot().toPath();
        Files.writeString(root.resolve("bindings"), """
                # Multipath bindings, Version : 1.0
                mpatha 3600a0b80000b
                mpathb 36001405abc   # trailing comment
                broken
                mpatha 3600other
                """);
        Files.writeString(root.resolve("wwids"), "# Valid WWIDs:\n/3600a0b80000b/\n/36001405abc/\nnot-a-wwid\n");
        ConfigSnapshot c = ConfigLoader.load(where);
        assertEquals(java.util.Map.of("mpatha", "3600a0b80000b", "mpathb", "36001405abc"), c.bindings());
        assertEquals(java.util.Set.of("3600a0b80000b", "36001405abc"), c.knownWwids());
        List<String> lines = c.warnings().stream().map(p -> Path.of(p.file()).getFileName() + ":" + p.line()).toList();
        assertEquals(List.of("bindings:4", "bindings:5", "wwids:4"), lines);
        assertTrue(c.aliasFor("3600a0b80000b").isEmpty());
    }
}

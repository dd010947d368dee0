package org.mpathbus.config.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.mpathbus.config.ConfigProblem;
import org.mpathbus.config.MultipathConfigListener;

public class ConfigReloaderTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path conf;
    private Path dir;
    private final List<List<String>> heard = new ArrayList<>();
    private ConfigReloader reloader;
    private long clock = 1_000_000;

    @Before
    public void setUp() {
        Path root = tmp.getRoot().toPath();
        conf = root.resolve("multipath.conf");
        dir = root.resolve("conf.d");
        MultipathConfigListener listener = (previous, current, changes) -> heard.add(changes);
        reloader = new ConfigReloader(new ConfigLoader.Locations(conf, dir, root.resolve("bindings"),
                root.resolve("wwids")), () -> List.of(listener));
    }

    /** Writes with a distinct modification time, as an editor saving a minute later would. */
    private void write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.fromMillis(clock += 1000));
    }

    @Test
    public void firstLoadWithoutFilesIsGenerationOneOfTheBuiltInConfiguration() {
        assertEquals(0, reloader.current().generation());
        assertEquals(Optional.empty(), reloader.reload());
        assertEquals(1, reloader.current().generation());
        assertEquals(List.of(), reloader.current().configFiles());
    }

    @Test
    public void aChangedFileIsReloadedAndTheChangeIsReported() throws Exception {
        write(conf, "defaults {\n polling_interval 5\n}\n");
        reloader.reload();
        assertFalse("nothing changed", reloader.checkForChanges());
        write(conf, "defaults {\n polling_interval 10\n}\n");
        assertTrue(reloader.checkForChanges());
        assertEquals(2, reloader.current().generation());
        assertEquals(10, reloader.current().defaults().pollingInterval());
        assertEquals(List.of("defaults max_polling_interval 20 -> 40", "defaults polling_interval 5 -> 10"),
                heard.get(heard.size() - 1));
    }

    @Test
    public void relocatingReadsTheOtherFilesAtOnceAndTheGenerationsGoOn() throws Exception {
        write(conf, "defaults {\n polling_interval 5\n}\n");
        reloader.reload();
        Path other = tmp.getRoot().toPath().resolve("other").resolve("multipath.conf");
        write(other, "defaults {\n polling_interval 5\n}\n");

        assertEquals(Optional.empty(), reloader.relocate(new ConfigLoader.Locations(other, dir,
                other.resolveSibling("bindings"), other.resolveSibling("wwids"))));
        assertEquals("the same settings from another file are another configuration", 2,
                reloader.current().generation());
        assertEquals(List.of(other.toString()), reloader.current().configFiles());
        assertTrue(heard.get(heard.size() - 1).toString(), heard.get(heard.size() - 1).stream()
                .anyMatch(change -> change.contains(other.toString())));

        write(conf, "defaults {\n polling_interval 9\n}\n");
        assertFalse("the old file is no longer watched", reloader.checkForChanges());
        write(other, "defaults {\n polling_interval 9\n}\n");
        assertTrue(reloader.checkForChanges());
        assertEquals(9, reloader.current().defaults().pollingInterval());
    }

    @Test
    public void aBrokenFileKeepsThePreviousConfigurationAndBecomesTheLastError() throws Exception {
        write(conf, "defaults {\n polling_interval 7\n}\n");
        reloader.reload();
        write(conf, "defaults {\n polling_interval 9\n path_checker \"tur\n}\n");
        assertTrue(reloader.checkForChanges());
        assertEquals(Optional.of(new ConfigProblem(conf.toString(), 3, "missing closing quote")), reloader.lastError());
        assertEquals(7, reloader.current().defaults().pollingInterval());
        assertEquals(1, reloader.current().generation());
        assertFalse("the broken file is not read again until it changes", reloader.checkForChanges());
        write(conf, "defaults {\n polling_interval 9\n}\n");
        assertTrue(reloader.checkForChanges());
        assertEquals(Optional.empty(), reloader.lastError());
        assertEquals(9, reloader.current().defaults().pollingInterval());
        assertEquals(2, reloader.current().generation());
    }

    @Test
    public void aBrokenFileAtStartLeavesTheBuiltInConfigurationInForce() throws Exception {
        write(conf, "defaults {\n polling_interval 9\n");
        assertTrue(reloader.reload().isPresent());
        assertEquals(0, reloader.current().generation());
        assertEquals(5, reloader.current().defaults().pollingInterval());
        assertEquals(List.of(), heard);
    }

    @Test
    public void aNewWarningIsAChange() throws Exception {
        write(conf, "defaults {\n polling_interval 7\n}\n");
        reloader.reload();
        write(conf, "defaults {\n polling_interval 7\n bogus 1\n}\n");
        assertTrue(reloader.checkForChanges());
        assertEquals(2, reloader.current().generation());
        assertEquals(List.of("warning " + conf + ":3: invalid keyword in the defaults section: bogus (none) -> present"),
                heard.get(heard.size() - 1));
    }

    @Test
    public void aNewConfigDirFileIsNoticed() throws Exception {
        write(conf, "defaults {\n polling_interval 7\n}\n");
        reloader.reload();
        write(dir.resolve("50-local.conf"), "blacklist {\n wwid \"^3600dead\"\n}\n");
        assertTrue(reloader.checkForChanges());
        List<String> changes = heard.get(heard.size() - 1);
        assertTrue(changes.toString(), changes.contains("blacklist wwid \"^3600dead\" (none) -> listed"));
        assertTrue(changes.toString(), changes.contains("file " + dir.resolve("50-local.conf") + " (none) -> read"));
    }

    @Test
    public void aConfigDirNamedInMultipathConfIsWatched() throws Exception {
        Path other = tmp.getRoot().toPath().resolve("site.d");
        write(conf, "defaults {\n config_dir \"" + other + "\"\n}\n");
        reloader.reload();
        write(other.resolve("a.conf"), "defaults {\n polling_interval 3\n}\n");
        assertTrue(reloader.checkForChanges());
        assertEquals(3, reloader.current().defaults().pollingInterval());
    }

    @Test
    public void bindingsChangesAreReported() throws Exception {
        reloader.reload();
        write(tmp.getRoot().toPath().resolve("bindings"), "mpatha 3600a\n");
        assertTrue(reloader.checkForChanges());
        assertEquals(List.of("bindings mpatha (none) -> 3600a"), heard.get(heard.size() - 1));
    }

    @Test
    public void aTouchedButEqualFileKeepsTheGeneration() throws Exception {
        write(conf, "defaults {\n polling_interval 7\n}\n");
        reloader.reload();
        write(conf, "defaults {\n polling_interval 7\n}\n");
        assertTrue(reloader.checkForChanges());
        assertEquals(1, reloader.current().generation());
    }
}

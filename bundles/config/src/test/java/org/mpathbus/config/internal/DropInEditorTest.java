package org.mpathbus.config.internal;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.startsWith;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.mpathbus.config.BlacklistCriterion;
import org.mpathbus.config.ConfigChange;
import org.mpathbus.config.ConfigEditException;
import org.mpathbus.config.ConfigEditException.Kind;
import org.mpathbus.config.ConfigEditor;
import org.mpathbus.config.MultipathConfig;

public class DropInEditorTest {

    private static final String WWID = "3600a0b80000000000000000000000001";
    private static final Duration TIME = Duration.ofSeconds(10);
    private static final ConfigEditor.Applier OK = (loaded, remaining, restoring) -> { };

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path root;
    private Path dropIn;
    private MultipathConfigurationComponent configuration;
    private DropInEditor editor;

    @Before
    public void setUp() throws Exception {
        root = tmp.getRoot().toPath();
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(root.resolve("multipath.conf"), "defaults {\n\tuser_friendly_names yes\n}\n"
                + "blacklist {\n\tdevnode \"^loop\"\n}\n");
        configuration = TestConfigurations.readerIn(root);
        editor = new DropInEditor(configuration, CandidateCheck.NONE);
        dropIn = root.resolve("conf.d").resolve(ConfigEditor.DROP_IN_NAME);
    }

    @Test
    public void renderedDropInReadsBackThroughTheParser() throws Exception {
        DropIn written = new DropIn(Map.of("polling_interval", "10"),
                List.of(new DropIn.Entry(Map.of("wwid", "^36\"00")), new DropIn.Entry(Map.of("vendor", "ACME",
                        "product", "Disk #1"))),
                List.of(new DropIn.Entry(Map.of("property", "(ID_WWN|SCSI_IDENT_)"))),
                List.of(new DropIn.Device("ACME", "Disk", Map.of("no_path_retry", "queue"))),
                List.of(new DropIn.Multipath(WWID, Map.of("alias", "data1"))));
        String text = written.render();
        assertEquals(written, DropIn.read(text, "mpathbus.conf"));
        DropInCheck.check(text, "mpathbus.conf");
        assertThat(text, startsWith("# Written by mpathbus"));
    }

    @Test
    public void eachChangeReachesTheLoadedConfiguration() throws Exception {
        MultipathConfig c = editor.change(new ConfigChange.SetAlias(WWID, "data1"), TIME, OK);
        assertEquals("data1", c.aliasFor(WWID).orElseThrow());
        assertTrue(c.configFiles().contains(dropIn.toString()));

        c = editor.change(new ConfigChange.AddBlacklistEntry("blacklist", Map.of("wwid", "^3600a0b8")), TIME, OK);
        assertTrue(c.blacklist().stream().anyMatch(r -> r.criterion() == BlacklistCriterion.WWID
                && r.pattern().equals("^3600a0b8") && r.source().startsWith(dropIn.toString())));
        c = editor.change(new ConfigChange.AddBlacklistEntry("blacklist_exceptions", Map.of("vendor", "ACME")),
                TIME, OK);
        assertTrue(c.blacklistExceptions().stream().anyMatch(r -> r.vendor().equals("ACME")));

        c = editor.change(new ConfigChange.SetDefault("polling_interval", "7"), TIME, OK);
        assertEquals(7, c.defaults().pollingInterval());
        c = editor.change(new ConfigChange.SetDevice("ACME", "Disk", Map.of("no_path_retry", "12")), TIME, OK);
        assertTrue(c.devices().stream().anyMatch(d -> d.vendor().equals("ACME")
                && "12".equals(d.attributes().get("no_path_retry"))));
        c = editor.change(new ConfigChange.SetMultipath("3600b", Map.of("alias", "logs", "no_path_retry", "5")),
                TIME, OK);
        assertEquals("logs", c.aliasFor("3600b").orElseThrow());

        c = editor.change(new ConfigChange.RemoveMultipath("3600b"), TIME, OK);
        assertTrue(c.aliasFor("3600b").isEmpty());
        c = editor.change(new ConfigChange.RemoveDevice("ACME", "Disk"), TIME, OK);
        assertFalse(c.devices().stream().anyMatch(d -> d.vendor().equals("ACME")));
        c = editor.change(new ConfigChange.ClearDefault("polling_interval"), TIME, OK);
        assertEquals(5, c.defaults().pollingInterval());
        c = editor.change(new ConfigChange.RemoveBlacklistEntry("blacklist", Map.of("wwid", "^3600a0b8")), TIME, OK);
        assertFalse(c.blacklist().stream().anyMatch(r -> r.pattern().equals("^3600a0b8")));
        c = editor.change(new ConfigChange.SetAlias(WWID, ""), TIME, OK);
        assertTrue(c.multipaths().isEmpty());
        assertFalse(Files.readString(dropIn).contains("multipaths"));
    }

    @Test
    public void anInvalidValueIsRefusedWithTheParsersWordsAndNothingWritten() throws Exception {
        editor.change(new ConfigChange.SetDefault("polling_interval", "7"), TIME, OK);
        byte[] before = Files.readAllBytes(dropIn);
        ConfigEditException e = assertThrows(ConfigEditException.class,
                () -> editor.change(new ConfigChange.SetDefault("polling_interval", "often"), TIME, OK));
        assertEquals(Kind.INVALID, e.kind());
        assertThat(e.getMessage(), containsString(dropIn + ":6: invalid value for polling_interval: \"often\""));
        e = assertThrows(ConfigEditException.class,
                () -> editor.change(new ConfigChange.SetDefault("no_such_keyword", "1"), TIME, OK));
        assertThat(e.getMessage(), containsString("invalid keyword in the defaults section: no_such_keyword"));
        e = assertThrows(ConfigEditException.class, () -> editor.change(
                new ConfigChange.AddBlacklistEntry("blacklist", Map.of("wwid", "^(36")), TIME, OK));
        assertThat(e.getMessage(), containsString("invalid regular expression"));
        e = assertThrows(ConfigEditException.class, () -> editor.change(
                new ConfigChange.AddBlacklistEntry("blacklist", Map.of("wwid", "a", "devnode", "b")), TIME, OK));
        assertEquals(Kind.INVALID, e.kind());
        e = assertThrows(ConfigEditException.class,
                () -> editor.change(new ConfigChange.SetAlias(WWID, "two\nlines"), TIME, OK));
        assertThat(e.getMessage(), containsString("U+000A"));
        e = assertThrows(ConfigEditException.class,
                () -> editor.change(new ConfigChange.SetAlias(WWID, "bad\"alias"), TIME, OK));
        assertThat(e.getMessage(), containsString("alias holds '\"' at 4"));
        e = assertThrows(ConfigEditException.class,
                () -> editor.change(new ConfigChange.SetAlias(WWID, "a/b"), TIME, OK));
        assertThat(e.getMessage(), containsString("alias holds '/' at 2"));
        assertEquals(new String(before, StandardCharsets.ISO_8859_1), Files.readString(dropIn));
    }

    @Test
    public void removingTheAdminsEntrySaysWhereItIs() {
        ConfigEditException e = assertThrows(ConfigEditException.class, () -> editor.change(
                new ConfigChange.RemoveBlacklistEntry("blacklist", Map.of("devnode", "^loop")), TIME, OK));
        assertEquals(Kind.NOT_FOUND, e.kind());
        assertThat(e.getMessage(), containsString(root.resolve("multipath.conf") + ":5"));
        assertFalse(Files.exists(dropIn));
    }

    @Test
    public void aFileThatCannotBeWrittenLeavesTheOldOne() throws Exception {
        editor.change(new ConfigChange.SetAlias(WWID, "data1"), TIME, OK);
        String before = Files.readString(dropIn);
        // The file system fills up half way through the temporary file (root writes past any mode)
        DropInEditor full = new DropInEditor(configuration, CandidateCheck.NONE, path -> new DropInFile(path) {
            @Override
            void writeAll(FileChannel channel, ByteBuffer bytes) throws IOException {
                channel.write(ByteBuffer.wrap(bytes.array(), 0, bytes.remaining() / 2));
                throw new IOException("No space left on device");
            }
        });
        ConfigEditException e = assertThrows(ConfigEditException.class,
                () -> full.change(new ConfigChange.SetAlias(WWID, "data2"), TIME, OK));
        assertEquals(Kind.FAILED, e.kind());
        assertThat(e.getMessage(), containsString("No space left on device (the previous file is unchanged)"));
        assertEquals(before, Files.readString(dropIn));
        try (var left = Files.list(dropIn.getParent())) {
            assertEquals(List.of(dropIn), left.toList());
        }
        assertEquals("data1", configuration.current().aliasFor(WWID).orElseThrow());
    }

    @Test
    public void aPlaceOthersCanWriteIsRefused() throws Exception {
        Files.createDirectories(dropIn.getParent());
        Files.setPosixFilePermissions(dropIn.getParent(), PosixFilePermissions.fromString("rwxrwxrwx"));
        ConfigEditException e = assertThrows(ConfigEditException.class,
                () -> editor.change(new ConfigChange.SetAlias(WWID, "data1"), TIME, OK));
        assertThat(e.getMessage(), containsString("writable by others"));
        assertFalse(Files.exists(dropIn));
    }

    @Test
    public void aCrashBetweenWriteAndRenameLeavesAValidConfiguration() throws Exception {
        editor.change(new ConfigChange.SetAlias(WWID, "data1"), TIME, OK);
        // What a crash after the temporary file's fsync and before the rename leaves behind, half written
        Files.writeString(dropIn.resolveSibling("." + ConfigEditor.DROP_IN_NAME + ".123.tmp"), "multipaths {\n");
        assertTrue(configuration.reload().isEmpty());
        assertEquals("data1", configuration.current().aliasFor(WWID).orElseThrow());
        assertEquals(List.of(root.resolve("multipath.conf").toString(), dropIn.toString()),
                configuration.current().configFiles());
    }

    @Test
    public void aFailedApplyPutsThePreviousFileBackAndAppliesIt() throws Exception {
        editor.change(new ConfigChange.SetAlias(WWID, "data1"), TIME, OK);
        String before = Files.readString(dropIn);
        List<String> applied = new ArrayList<>();
        ConfigEditException e = assertThrows(ConfigEditException.class, () -> editor.change(
                new ConfigChange.SetAlias(WWID, "data2"), TIME, (loaded, remaining, restoring) -> {
                    applied.add(loaded.aliasFor(WWID).orElse("") + (restoring ? " restoring" : ""));
                    if (!restoring) {
                        throw new ConfigEditException(Kind.TIMEOUT, "multipathd answered ok but the map kept its name");
                    }
                }));
        assertEquals(Kind.TIMEOUT, e.kind());
        assertThat(e.getMessage(), containsString("the map kept its name; previous configuration restored"));
        assertEquals(List.of("data2", "data1 restoring"), applied);
        assertEquals(before, Files.readString(dropIn));
    }

    @Test
    public void theFirstFailedChangeRemovesTheDropInAgain() {
        assertThrows(ConfigEditException.class, () -> editor.change(new ConfigChange.SetAlias(WWID, "data1"), TIME,
                (loaded, remaining, restoring) -> {
                    if (!restoring) {
                        throw new ConfigEditException(Kind.FAILED, "multipathd refused");
                    }
                }));
        assertFalse(Files.exists(dropIn));
        assertTrue(configuration.current().aliasFor(WWID).isEmpty());
    }

    @Test
    public void changesAreSerialized() throws Exception {
        Thread holder = new Thread(() -> {
            try {
                editor.change(new ConfigChange.SetAlias(WWID, "data1"), TIME, (loaded, remaining, restoring) ->
                        Thread.sleep(1_000));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        holder.start();
        org.mpathbus.testing.Await.until("the first change holds the writer", Duration.ofSeconds(5),
                () -> Files.exists(dropIn));
        ConfigEditException e = assertThrows(ConfigEditException.class, () -> editor.change(
                new ConfigChange.SetDefault("polling_interval", "7"), Duration.ofMillis(200), OK));
        assertEquals(Kind.BUSY, e.kind());
        holder.join();
        assertNull(configuration.lastError().orElse(null));
    }

    @Test
    public void theDropInStaysSmall() throws Exception {
        // Straight to the file: 512 calls would take long for nothing
        Files.createDirectories(dropIn.getParent());
        StringBuilder many = new StringBuilder("blacklist {\n");
        for (int i = 0; i < DropInEditor.MAX_ENTRIES; i++) {
            many.append("\twwid \"^").append(i).append("$\"\n");
        }
        Files.writeString(dropIn, DropIn.HEADER + many + "}\n");
        configuration.reload();
        ConfigEditException e = assertThrows(ConfigEditException.class, () -> editor.change(
                new ConfigChange.AddBlacklistEntry("blacklist", Map.of("wwid", "^x")), TIME, OK));
        assertThat(e.getMessage(), containsString("mpathbus keeps it to 512"));
    }
}

package org.mpathbus.exporter.dbus.control.internal;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.mpathbus.api.Topology;
import org.mpathbus.api.control.Outcome;
import org.mpathbus.config.ConfigEditor;
import org.mpathbus.config.MultipathConfiguration;
import org.mpathbus.config.internal.ConfigEditorComponent;
import org.mpathbus.config.internal.TestConfigurations;
import org.mpathbus.exporter.dbus.spi.BusCall;
import org.mpathbus.exporter.dbus.spi.BusError;
import org.mpathbus.exporter.dbus.spi.Caller;
import org.mpathbus.testing.RecordingControl;

/** ConfigControl over the real editor and reader on a test's files, multipathd a recording control. */
public class ConfigControlTest {

    private static final String CONFIG = "/org/mpathbus/Multipath1/config";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final FakeExport export = new FakeExport(San.initial("devmapper"));
    private final RecordingControl control = new RecordingControl();
    private final ExecutorService rereads = Executors.newCachedThreadPool();
    private MultipathConfiguration configuration;
    private ConfigControl configControl;
    private Path dropIn;

    @Before
    public void setUp() throws Exception {
        Path root = tmp.getRoot().toPath();
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        configuration = TestConfigurations.readerIn(root);
        Controls controls = new Controls();
        controls.add(control, Map.of("source.name", "devmapper"));
        configControl = new ConfigControl(new ConfigEditorComponent(configuration),
                new Changes(controls, new EffectWait(export, export, rereads)));
        dropIn = root.resolve("conf.d").resolve(ConfigEditor.DROP_IN_NAME);
    }

    @After
    public void stop() {
        rereads.shutdownNow();
    }

    private BusCall call(String member, List<Object> arguments, double timeout) {
        return new BusCall(CONFIG, member, arguments, Map.of("timeout", timeout), new Caller(":1.7", 0, 1),
                export.topology(), System.nanoTime() + Math.round(timeout * 1e9));
    }

    @Test
    public void setAliasRepliesOnceTheMapIsRenamed() throws Exception {
        Topology before = export.topology();
        control.onCall = () -> new Thread(() -> {
            sleep(100);
            export.publish(San.withMapA(before, San.mapA(org.mpathbus.api.DmPathState.ACTIVE, true).toBuilder()
                    .name("data1").build()));
        }).start();
        configControl.call(call("SetAlias", List.of(San.WWID_A, "data1"), 10));
        assertEquals(List.of("reconfigure"), control.asked());
        assertEquals("data1", export.topology().map(San.WWID_A).orElseThrow().name());
        assertEquals("data1", configuration.current().aliasFor(San.WWID_A).orElseThrow());
    }

    @Test
    public void aBlacklistedWwidWaitsForItsMapToGo() throws Exception {
        Topology before = export.topology();
        control.onCall = () -> new Thread(() -> {
            sleep(100);
            export.publish(San.next(before, List.of(before.map(San.WWID_B).orElseThrow()), List.of()));
        }).start();
        configControl.call(call("AddBlacklistEntry", List.of("blacklist", Map.of("wwid", "^" + San.WWID_A + "$")),
                10));
        assertTrue(export.topology().map(San.WWID_A).isEmpty());
        assertTrue(Files.readString(dropIn).contains("wwid \"^" + San.WWID_A + "$\""));
    }

    @Test
    public void anEffectNotSeenPutsThePreviousFileBack() throws Exception {
        BusError error = assertThrows(BusError.class,
                () -> configControl.call(call("SetAlias", List.of(San.WWID_A, "data1"), 1)));
        assertEquals(BusError.TIMEOUT, error.errorName());
        assertThat(error.getMessage(), containsString("previous configuration restored"));
        assertFalse(Files.exists(dropIn));
        assertTrue(configuration.current().aliasFor(San.WWID_A).isEmpty());
        assertEquals("reconfigured with the new file, then with the old", List.of("reconfigure", "reconfigure"),
                control.asked());
    }

    @Test
    public void multipathdRefusingPutsThePreviousFileBack() throws Exception {
        control.answer = new Outcome(Outcome.Kind.REFUSED, "fail");
        BusError error = assertThrows(BusError.class,
                () -> configControl.call(call("SetDefault", List.of("polling_interval", "10"), 5)));
        assertEquals(BusError.FAILED, error.errorName());
        assertThat(error.getMessage(), containsString("multipathd said: fail"));
        assertFalse(Files.exists(dropIn));
    }

    @Test
    public void anInvalidValueIsInvalidArgsWithTheParsersWords() {
        BusError error = assertThrows(BusError.class,
                () -> configControl.call(call("SetDefault", List.of("no_path_retry", "sometimes"), 5)));
        assertEquals(BusError.INVALID_ARGS, error.errorName());
        assertThat(error.getMessage(), containsString(dropIn + ":6: invalid value for no_path_retry"));
        assertEquals(List.of(), control.asked());
        assertFalse(Files.exists(dropIn));
    }

    @Test
    public void removingWhatTheDropInDoesNotHoldIsNotFound() {
        BusError error = assertThrows(BusError.class, () -> configControl.call(call("RemoveBlacklistEntry",
                List.of("blacklist", Map.of("devnode", "^sd")), 5)));
        assertEquals(BusError.NOT_FOUND, error.errorName());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

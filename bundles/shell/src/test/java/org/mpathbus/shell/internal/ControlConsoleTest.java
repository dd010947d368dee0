package org.mpathbus.shell.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.After;
import org.junit.Test;
import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.Path;
import org.mpathbus.api.control.MultipathControl;
import org.mpathbus.api.control.Outcome;
import org.mpathbus.api.control.Outcome.Kind;
import org.mpathbus.testing.FixedTopologyService;

public class ControlConsoleTest {

    private static final Duration DEFAULT = Duration.ofSeconds(30);

    private final RecordingControl control = new RecordingControl();
    private final ControlRegistry registry = new ControlRegistry();
    private final ControlConsole console = new ControlConsole(new FixedTopologyService(Fixtures.topology()),
            registry::of);
    private final Logger log = Logger.getLogger(ControlConsole.class.getName());
    private final List<LogRecord> logged = new ArrayList<>();
    private final Handler recorder = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    public ControlConsoleTest() {
        registry.add(control, Map.of(MultipathControl.SOURCE_NAME, "simulator"));
        log.addHandler(recorder);
    }

    @After
    public void stopRecording() {
        log.removeHandler(recorder);
    }

    @Test
    public void everyCommandCallsItsOperationWithTheNamedObjects() {
        run(ControlCommand.PATH_FAIL, "sdb");
        run(ControlCommand.PATH_REINSTATE, "/dev/sdd");
        run(ControlCommand.PATH_REMOVE, "8:32");
        run(ControlCommand.PATH_ADD, "/dev/sde");
        run(ControlCommand.MAP_FLUSH, "mpatha");
        run(ControlCommand.MAP_RESIZE, "dm-12");
        run(ControlCommand.MAP_SWITCHGROUP, "/dev/mapper/mpatha", "2");
        run(ControlCommand.MAP_QUEUEING, "253:0", "off");
        run(ControlCommand.MAP_QUEUEING, Fixtures.WWID_B, "ON");
        run(ControlCommand.RECONFIGURE);
        run(ControlCommand.WWID_ADD, Fixtures.WWID_B);
        run(ControlCommand.WWID_FORGET, Fixtures.WWID_A);
        assertEquals(List.of("failPath sdb PT30S", "reinstatePath sdd PT30S", "removePath sdc PT30S",
                "addPath sde PT30S", "flushMap mpatha PT30S", "resizeMap " + Fixtures.WWID_B + " PT30S",
                "switchGroup mpatha 2 PT30S", "setQueueing mpatha false PT30S",
                "setQueueing " + Fixtures.WWID_B + " true PT30S", "reconfigure PT30S",
                "addWwid " + Fixtures.WWID_B + " PT30S", "forgetWwid " + Fixtures.WWID_A + " PT30S"), control.calls);
    }

    @Test
    public void okPrintsOkWithTheOwnersWords() {
        assertEquals("ok\n", run(ControlCommand.PATH_FAIL, "sdb"));
        control.answer = new Outcome(Kind.OK, "wwid 'x' added");
        assertEquals("ok: wwid 'x' added\n", run(ControlCommand.WWID_ADD, "x"));
    }

    @Test
    public void theTimeoutOptionReachesTheControl() {
        run(ControlCommand.MAP_FLUSH, "--timeout", "5", "mpatha");
        run(ControlCommand.MAP_FLUSH, "mpatha", "-t", "0.25");
        run(ControlCommand.RECONFIGURE, "--timeout=120");
        assertEquals(List.of("flushMap mpatha PT5S", "flushMap mpatha PT0.25S", "reconfigure PT2M"), control.calls);
    }

    @Test
    public void badTimeoutsAndOptionsAreRefusedWithTheUsage() {
        expect(IllegalArgumentException.class, "--timeout takes seconds, not 'soon'; usage: mpath:map-flush"
                + " [--timeout SECONDS] MAP", ControlCommand.MAP_FLUSH, "--timeout", "soon", "mpatha");
        expect(IllegalArgumentException.class, "more than 0", ControlCommand.MAP_FLUSH, "--timeout", "0", "mpatha");
        expect(IllegalArgumentException.class, "more than 0", ControlCommand.RECONFIGURE, "--timeout=-3");
        expect(IllegalArgumentException.class, "--timeout needs a number", ControlCommand.MAP_FLUSH, "mpatha",
                "--timeout");
        expect(IllegalArgumentException.class, "unknown option '--force'", ControlCommand.MAP_FLUSH, "--force",
                "mpatha");
        assertTrue(control.calls.isEmpty());
    }

    @Test
    public void wrongOperandsSayWhatTheCommandTakes() {
        expect(IllegalArgumentException.class, "takes MAP N, not 'mpatha'", ControlCommand.MAP_SWITCHGROUP, "mpatha");
        expect(IllegalArgumentException.class, "takes no operand, not 'now'", ControlCommand.RECONFIGURE, "now");
        expect(IllegalArgumentException.class, "takes PATH, not nothing", ControlCommand.PATH_FAIL);
        expect(IllegalArgumentException.class, "the path group must be a number", ControlCommand.MAP_SWITCHGROUP,
                "mpatha", "second");
        expect(IllegalArgumentException.class, "queueing must be on or off, not 'maybe'", ControlCommand.MAP_QUEUEING,
                "mpatha", "maybe");
        expect(IllegalArgumentException.class, "not a block device's name", ControlCommand.PATH_ADD, "/dev/disk/by-id/x");
        assertTrue(control.calls.isEmpty());
    }

    @Test
    public void aNegativeGroupReachesTheOwnerWhoRefusesIt() {
        control.answer = new Outcome(Kind.REFUSED, "fail");
        expect(ControlConsole.ControlFailedException.class, "refused: fail", ControlCommand.MAP_SWITCHGROUP, "mpatha",
                "-1");
        assertEquals(List.of("switchGroup mpatha -1 PT30S"), control.calls);
    }

    @Test
    public void unknownMapsAndPathsAreNamedAndNothingIsCalled() {
        expect(IllegalArgumentException.class, "no map 'mpathz'", ControlCommand.MAP_FLUSH, "mpathz");
        expect(IllegalArgumentException.class, "no path 'sdq'", ControlCommand.PATH_FAIL, "sdq");
        assertTrue(control.calls.isEmpty());
    }

    @Test
    public void anythingButOkFailsTheCommandWithTheKindAndTheOwnersWords() {
        control.answer = new Outcome(Kind.IN_USE, "map or partition in use");
        ControlConsole.ControlFailedException failed = expect(ControlConsole.ControlFailedException.class,
                "mpath:map-flush mpatha: in use: map or partition in use", ControlCommand.MAP_FLUSH, "mpatha");
        assertEquals(Kind.IN_USE, failed.outcome().kind());
        control.answer = new Outcome(Kind.TIMEOUT, "timeout");
        expect(ControlConsole.ControlFailedException.class, "mpath:path-fail sdb: timeout", ControlCommand.PATH_FAIL,
                "sdb");
        control.answer = new Outcome(Kind.NOT_FOUND, "device not found");
        expect(ControlConsole.ControlFailedException.class, "not found: device not found", ControlCommand.PATH_ADD,
                "sdq");
    }

    @Test
    public void everyChangeIsLoggedWithTheConsoleAsCaller() {
        run(ControlCommand.PATH_FAIL, "sdb");
        control.answer = new Outcome(Kind.BUSY, "busy");
        expect(ControlConsole.ControlFailedException.class, "busy", ControlCommand.RECONFIGURE);
        assertEquals(2, logged.size());
        assertEquals(Level.INFO, logged.get(0).getLevel());
        assertEquals("console: mpath:path-fail sdb: ok", format(logged.get(0)));
        assertEquals("console: mpath:reconfigure: busy", format(logged.get(1)));
    }

    @Test
    public void withoutAControlForTheEnginesSourceNothingIsDone() {
        registry.remove(control);
        RecordingControl devmapper = new RecordingControl();
        registry.add(devmapper, Map.of(MultipathControl.SOURCE_NAME, "devmapper"));
        IllegalStateException refused = expect(IllegalStateException.class,
                "no multipath control acts on the source 'simulator'", ControlCommand.PATH_FAIL, "sdb");
        assertTrue(refused.getMessage(), refused.getMessage().endsWith("nothing was changed"));
        assertTrue(devmapper.calls.isEmpty());
    }

    @Test
    public void helpNeedsNoControlAndNamesTheOperands() {
        registry.remove(control);
        String help = run(ControlCommand.MAP_SWITCHGROUP, "--help");
        assertTrue(help, help.startsWith("mpath:map-switchgroup [--timeout SECONDS] MAP N\n"));
        assertTrue(help, help.contains("MAP: WWID, name"));
        assertTrue(help, help.contains("default 30"));
    }

    @Test
    public void everyFunctionNameIsDistinctAndDashed() {
        List<String> names = new ArrayList<>();
        for (ControlCommand command : ControlCommand.values()) {
            names.add(command.function);
        }
        assertEquals(List.of("path-fail", "path-reinstate", "path-remove", "path-add", "map-flush", "map-resize",
                "map-switchgroup", "map-queueing", "reconfigure", "wwid-add", "wwid-forget"), names);
    }

    private String run(ControlCommand command, String... words) {
        return console.run(command, List.of(words));
    }

    private <E extends RuntimeException> E expect(Class<E> type, String inMessage, ControlCommand command,
            String... words) {
        try {
            run(command, words);
        } catch (RuntimeException e) {
            assertEquals(e.toString(), type, e.getClass());
            assertTrue(e.getMessage(), e.getMessage().contains(inMessage));
            return type.cast(e);
        }
        fail("expected " + type.getSimpleName());
        return null;
    }

    private static String format(LogRecord record) {
        return java.text.MessageFormat.format(record.getMessage(), record.getParameters());
    }

    /** Records each call and answers what the test set. */
    private static final class RecordingControl implements MultipathControl {
        final List<String> calls = new ArrayList<>();
        Outcome answer = Outcome.ok();

        private Outcome record(String call, Duration timeout) {
            calls.add(call + " " + timeout);
            return answer;
        }

        @Override
        public Outcome failPath(Path path, Duration timeout) {
            return record("failPath " + path.name(), timeout);
        }

        @Override
        public Outcome reinstatePath(Path path, Duration timeout) {
            return record("reinstatePath " + path.name(), timeout);
        }

        @Override
        public Outcome removePath(Path path, Duration timeout) {
            return record("removePath " + path.name(), timeout);
        }

        @Override
        public Outcome addPath(String device, Duration timeout) {
            return record("addPath " + device, timeout);
        }

        @Override
        public Outcome flushMap(MultipathMap map, Duration timeout) {
            return record("flushMap " + map.name(), timeout);
        }

        @Override
        public Outcome resizeMap(MultipathMap map, Duration timeout) {
            return record("resizeMap " + map.name(), timeout);
        }

        @Override
        public Outcome switchGroup(MultipathMap map, int group, Duration timeout) {
            return record("switchGroup " + map.name() + " " + group, timeout);
        }

        @Override
        public Outcome setQueueing(MultipathMap map, boolean queueing, Duration timeout) {
            return record("setQueueing " + map.name() + " " + queueing, timeout);
        }

        @Override
        public Outcome reconfigure(Duration timeout) {
            return record("reconfigure", timeout);
        }

        @Override
        public Outcome addWwid(String wwid, Duration timeout) {
            return record("addWwid " + wwid, timeout);
        }

        @Override
        public Outcome forgetWwid(String wwid, Duration timeout) {
            return record("forgetWwid " + wwid, timeout);
        }
    }
}

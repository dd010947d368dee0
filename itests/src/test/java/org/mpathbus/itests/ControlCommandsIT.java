package org.mpathbus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.Before;
import org.junit.Test;
import org.mpathbus.api.CheckerState;
import org.mpathbus.api.DmPathState;
import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.Path;
import org.mpathbus.api.Topology;
import org.mpathbus.api.control.MultipathControl;
import org.mpathbus.api.event.PathFailed;
import org.mpathbus.api.event.PathReinstated;
import org.osgi.framework.ServiceReference;

/**
 * The administrator's commands typed into the daemon's Gogo shell, on the distribution's bundles with the
 * simulator as source: each reaches the simulator's MultipathControl and the engine's topology shows its
 * effect, as it would show multipathd's.
 */
public class ControlCommandsIT extends MpathbusTestSupport {

    private static final int MAPS = 2;
    private static final int PATHS_PER_MAP = 4;

    private Topology san;
    private MultipathMap mpatha;

    @Before
    public void simulatedSanWithEveryPathUp() throws Exception {
        awaitSettledEngine();
        configureAndAwait(SIMULATOR_PID, Map.of("maps", MAPS, "paths_per_map", PATHS_PER_MAP, "path_groups_per_map", 2,
                "checker", "sim"));
        awaitSimulatedSan(MAPS, PATHS_PER_MAP);
        san = awaitTopology("every simulated path up", t -> t.paths().values().stream()
                .allMatch(p -> p.checkerState() == CheckerState.UP && p.dmState() == DmPathState.ACTIVE));
        mpatha = san.maps().values().stream().filter(m -> m.name().equals("mpatha")).findFirst().orElseThrow();
    }

    @Test
    public void theSimulatorsControlActsOnTheSimulatorsMaps() throws Exception {
        // One control per source: the simulator's for its SAN, multipathd's (idle here) for the kernel's maps
        ServiceReference<?>[] simulator = context().getAllServiceReferences(MultipathControl.class.getName(),
                "(" + MultipathControl.SOURCE_NAME + "=simulator)");
        assertEquals(1, simulator.length);
        assertEquals("org.mpathbus.simulator", simulator[0].getBundle().getSymbolicName());
        ServiceReference<?>[] devmapper = context().getAllServiceReferences(MultipathControl.class.getName(),
                "(" + MultipathControl.SOURCE_NAME + "=devmapper)");
        assertEquals(1, devmapper.length);
        assertEquals("org.mpathbus.control.multipathd", devmapper[0].getBundle().getSymbolicName());
        assertEquals("the engine's source", "simulator", san.source());
    }

    @Test
    public void pathCommandsFailReinstateRemoveAndAddAPath() throws Exception {
        String victim = mpatha.groups().get(0).paths().get(0).name();
        assertEquals("ok", console("mpath:path-fail " + victim));
        awaitTopology(victim + " failed", t -> t.path(victim).orElseThrow().dmState() == DmPathState.FAILED);
        awaitEvent(PathFailed.class, victim);

        assertEquals("ok", console("mpath:path-reinstate /dev/" + victim));
        awaitTopology(victim + " active", t -> t.path(victim).orElseThrow().dmState() == DmPathState.ACTIVE);
        awaitEvent(PathReinstated.class, victim);

        assertEquals("ok", console("mpath:path-remove --timeout 5 " + victim));
        Topology removed = awaitTopology(victim + " in no map", t -> t.path(victim).map(p -> !p.isMapped()).orElse(false));
        assertEquals(PATHS_PER_MAP - 1, removed.map(mpatha.wwid()).orElseThrow().pathCount());
        assertFailed("mpath:path-fail " + victim, "not found: device not found");

        assertEquals("ok", console("mpath:path-add " + victim));
        awaitTopology(victim + " back in " + mpatha.name(), t -> t.path(victim).orElseThrow().isMapped()
                && t.map(mpatha.wwid()).orElseThrow().pathCount() == PATHS_PER_MAP);
        assertFailed("mpath:path-add sdzz", "not found: device not found");
    }

    @Test
    public void mapCommandsSwitchQueueResizeAndFlush() throws Exception {
        String wwid = mpatha.wwid();
        assertEquals("ok", console("mpath:map-switchgroup mpatha 2"));
        awaitTopology("mpatha on group 2", t -> t.map(wwid).orElseThrow().activeGroupIndex() == 2);
        assertFailed("mpath:map-switchgroup mpatha 3", "refused: fail");

        assertEquals("ok", console("mpath:map-queueing /dev/mapper/mpatha off"));
        awaitTopology("mpatha without queueing", t -> t.map(wwid).orElseThrow().queueing().equals("off"));
        assertEquals("ok", console("mpath:map-queueing " + wwid + " on"));
        awaitTopology("mpatha queueing again", t -> t.map(wwid).orElseThrow().queueing().equals("on"));

        console("mpath:grow mpatha 20G");
        awaitTopology("mpatha's paths grown", t -> t.map(wwid).orElseThrow().paths().get(0).sizeBytes() == 20L << 30);
        assertEquals(mpatha.sizeBytes(), topologyService().topology().map(wwid).orElseThrow().sizeBytes());
        assertEquals("ok", console("mpath:map-resize " + mpatha.kernelName()));
        awaitTopology("mpatha resized", t -> t.map(wwid).orElseThrow().sizeBytes() == 20L << 30);

        console("mpath:open mpatha");
        assertFailed("mpath:map-flush mpatha", "in use: map or partition in use");
        assertTrue(topologyService().topology().map(wwid).isPresent());
        console("mpath:close mpatha");
        assertEquals("ok", console("mpath:map-flush mpatha"));
        Topology flushed = awaitTopology("mpatha flushed", t -> t.map(wwid).isEmpty());
        assertEquals(PATHS_PER_MAP, flushed.unmappedPaths().size());

        assertEquals("ok", console("mpath:reconfigure"));
        awaitTopology("mpatha made again with every path", t -> t.map(wwid).map(m -> m.pathCount() == PATHS_PER_MAP)
                .orElse(false) && t.unmappedPaths().isEmpty());
    }

    @Test
    public void wwidCommandsAddAndForget() throws Exception {
        assertEquals("ok: wwid '" + mpatha.wwid() + "' removed", console("mpath:wwid-forget " + mpatha.wwid()));
        assertFailed("mpath:wwid-forget " + mpatha.wwid(), "not found: wwid '" + mpatha.wwid()
                + "' is not in the WWIDs file");
        assertEquals("ok: wwid '" + mpatha.wwid() + "' added", console("mpath:wwid-add " + mpatha.wwid()));
    }

    @Test
    public void aHungMultipathdEndsACommandWithTimeoutWithinItsTimeoutWhileReadsGoOn() throws Exception {
        String victim = mpatha.paths().get(0).name();
        console("mpath:multipathd hang");
        long start = System.nanoTime();
        assertFailed("mpath:path-fail --timeout 1 " + victim, "mpath:path-fail " + victim + ": timeout");
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue("took " + tookMillis + " ms", tookMillis >= 1_000 && tookMillis < 10_000);
        assertTrue("reads go on", console("mpath:maps").contains("mpatha"));
        assertEquals(DmPathState.ACTIVE, topologyService().topology().path(victim).orElseThrow().dmState());

        console("mpath:multipathd busy");
        assertFailed("mpath:reconfigure", "mpath:reconfigure: busy");
        console("mpath:multipathd answer");
        assertEquals("ok", console("mpath:path-fail " + victim));
    }

    @Test
    public void badWordsAreRefusedBeforeAnythingIsAsked() throws Exception {
        assertFailed("mpath:map-flush mpathz", "no map 'mpathz'");
        assertFailed("mpath:map-queueing mpatha sometimes", "queueing must be on or off");
        assertFailed("mpath:path-fail --timeout never sda", "--timeout takes seconds");
        assertTrue(console("mpath:map-switchgroup --help").startsWith("mpath:map-switchgroup [--timeout SECONDS] MAP N"));
        // Gogo's help lists only commands named as Java methods, which a dash cannot be; it must not trip over
        // these, and the shell's completion knows them
        assertTrue(console("help").contains("mpath:maps"));
        assertTrue(console("mpath:path-fail --help").contains("PATH: kernel name"));
        assertTrue(String.valueOf(consoleValue(".commands")).contains("mpath:path-fail"));
    }

    private <E> void awaitEvent(Class<E> type, String path) {
        awaitTopology(type.getSimpleName() + " of " + path, t -> topologyService().recentEvents().stream()
                .anyMatch(e -> type.isInstance(e) && eventPath(e).equals(path)));
    }

    private static String eventPath(Object event) {
        if (event instanceof PathFailed failed) {
            return failed.path().name();
        }
        if (event instanceof PathReinstated reinstated) {
            return reinstated.path().name();
        }
        return "";
    }

    /** What the command returned (its words, without the trailing newline), as a person at the console sees it. */
    private String console(String line) throws Exception {
        CommandProcessor processor = service(CommandProcessor.class);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
                CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), print, print)) {
            Object result = session.execute(line);
            print.flush();
            String printed = out.toString(StandardCharsets.UTF_8);
            return (result == null ? printed : printed + result).strip();
        }
    }

    /** A variable of a new session, such as .commands (every command name, which completion offers). */
    private Object consoleValue(String name) throws Exception {
        CommandProcessor processor = service(CommandProcessor.class);
        try (CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), System.out,
                System.err)) {
            return session.get(name);
        }
    }

    private void assertFailed(String line, String inMessage) {
        try {
            String said = console(line);
            fail(line + " did not fail: " + said);
        } catch (Exception e) {
            assertTrue(line + ": " + e, String.valueOf(e.getMessage()).contains(inMessage));
        }
    }
}

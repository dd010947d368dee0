package org.mpathbus.exporter.dbus.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/** packaging/bin/mpathbusctl against the exporter on a private bus. */
public class MpathbusctlIT {

    private static final Path SCRIPT = Path.of("../../packaging/bin/mpathbusctl").toAbsolutePath().normalize();
    private static PrivateBus bus;
    private static FakeEngine engine;
    private static ExportWriter writer;

    @BeforeClass
    public static void export() throws Exception {
        Commands.require("python3", "python3");
        Commands.require("busctl", "systemd");
        assertTrue(SCRIPT + " is executable", Files.isExecutable(SCRIPT));
        bus = PrivateBus.start();
        engine = new FakeEngine(3, 4);
        engine.fail("sdf");
        writer = engine.exportOn(bus.address());
    }

    @AfterClass
    public static void stop() throws Exception {
        if (writer != null) {
            writer.stop();
        }
        if (bus != null) {
            bus.close();
        }
    }

    private static Commands.Result mpathbusctl(String... args) {
        List<String> argv = new ArrayList<>(List.of(SCRIPT.toString(), "--address=" + bus.address()));
        argv.addAll(List.of(args));
        return Commands.run(argv);
    }

    @Test
    public void mapsListsEveryMapWithItsHealth() {
        String[] lines = mpathbusctl("maps").ok().out().split("\n");
        assertEquals(4, lines.length);
        assertTrue(lines[0], lines[0].startsWith("NAME"));
        assertTrue(lines[2], lines[2].matches("mpathb\\s+" + FakeEngine.wwid(1) + "\\s+/dev/mapper/mpathb\\s+active\\s+4\\s+3"
                + "\\s+degraded\\s+yes\\s+on"));
    }

    @Test
    public void jsonIsForScripts() {
        String json = mpathbusctl("maps", "--json").ok().out();
        assertTrue(json, json.contains("\"ValidPathCount\": 3"));
        assertTrue(json, json.contains("\"Device\": \"/dev/mapper/mpathb\""));
        String paths = mpathbusctl("paths", "--json").ok().out();
        assertTrue(paths, paths.contains("\"Hbtl\": \"3:0:0:1\""));
    }

    @Test
    public void topologyShowsBothViewsOfEveryPath() {
        String topology = mpathbusctl("topology").ok().out();
        assertTrue(topology, topology.contains("mpathb (" + FakeEngine.wwid(1) + ") /dev/mapper/mpathb LIO-ORG,disk1"));
        assertTrue(topology, topology.contains("3:0:0:1 sdf failed down running"));
        assertTrue(topology, topology.contains("policy='service-time 0' prio=50 status=active"));
    }

    @Test
    public void showFindsByAnyNameAndFailsClearlyOnUnknownOnes() {
        String path = mpathbusctl("show", "/dev/sdf").ok().out();
        assertTrue(path, path.contains("CheckerState    down"));
        String map = mpathbusctl("show", "253:2").ok().out();
        assertTrue(map, map.contains("Name             mpathc"));
        Commands.Result unknown = mpathbusctl("show", "sdzz");
        assertNotEquals(0, unknown.exit());
        assertEquals("mpathbusctl: show: no map or path is named 'sdzz'", unknown.err().strip());
    }

    @Test
    public void monitorFollowsTheSignals() throws Exception {
        Process monitor = new ProcessBuilder(SCRIPT.toString(), "--address=" + bus.address(), "monitor", "--json")
                .redirectErrorStream(true).start();
        BlockingQueue<String> lines = DbusExportIT.linesOf(monitor);
        try {
            Thread.sleep(1_000);
            engine.fail("sdj");
            long deadline = System.currentTimeMillis() + 10_000;
            while (System.currentTimeMillis() < deadline) {
                String line = lines.poll(100, TimeUnit.MILLISECONDS);
                if (line != null && line.contains("\"signal\": \"PathFailed\"")) {
                    assertTrue(line, line.contains(ObjectPaths.path("sdj")));
                    return;
                }
            }
            throw new AssertionError("mpathbusctl monitor printed no PathFailed: " + lines);
        } finally {
            monitor.destroy();
            engine.restore("sdj");
        }
    }
}

package org.mpathbus.exporter.dbus.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.Variant;
import org.junit.After;
import org.junit.Test;

/** The bus going away and coming back, and clients that stop reading. */
public class DbusResilienceIT {

    private PrivateBus bus;
    private ExportWriter writer;

    @After
    public void stop() throws Exception {
        if (writer != null) {
            writer.stop();
        }
        if (bus != null) {
            bus.close();
        }
    }

    private FakeEngine export(int maps) throws Exception {
        FakeEngine engine = new FakeEngine(maps, 4);
        writer = engine.startWriter(bus.address());
        engine.register(writer::offer);
        return engine;
    }

    @Test
    public void aRestartedBusGetsTheNameAndEveryObjectBackWithTheStateReachedMeanwhile() throws Exception {
        bus = PrivateBus.start();
        FakeEngine engine = export(3);
        try (BusClient client = new BusClient(bus.address())) {
            client.awaitName(true, 10_000);
        }
        bus.kill();
        engine.fail("sdb");
        Thread.sleep(300);
        bus.startAgain();
        try (BusClient client = new BusClient(bus.address())) {
            // Back-off tops out at 5 s: the name must be back well within that after the bus is
            client.awaitName(true, 15_000);
            // The name comes back with the state at reconnection; Refresh returns once the newest is exported
            client.manager().Refresh();
            Map<DBusPath, Map<String, Map<String, Variant<?>>>> objects = client.managedObjects();
            assertEquals("3 maps, 6 groups, 12 paths", 21, objects.size());
            assertEquals("failed", objects.get(new DBusPath(ObjectPaths.path("sdb"))).get(ObjectPaths.PATH_INTERFACE)
                    .get("DmState").getValue());
            String tree = Commands.run("busctl", "--address=" + bus.address(), "tree", ObjectPaths.BUS_NAME).ok().out();
            assertTrue(tree, tree.contains(ObjectPaths.map(FakeEngine.wwid(2)) + "/groups/2"));
        }
    }

    @Test
    public void aClientThatStopsReadingBlocksNeitherTheEngineNorOtherClients() throws Exception {
        // The bus's own limits (dbus-daemon buffers for the stalled client, as the system bus does)
        bus = PrivateBus.start();
        FakeEngine engine = export(50);
        Process stalled = new ProcessBuilder("stdbuf", "-oL", "gdbus", "monitor", "--address", bus.address(), "--dest",
                ObjectPaths.BUS_NAME).redirectErrorStream(true).start();
        try (BusClient client = new BusClient(bus.address())) {
            client.awaitName(true, 10_000);
            BlockingQueue<String> monitorLines = DbusExportIT.linesOf(stalled);
            assertTrue("gdbus monitor started", monitorLines.poll(10, TimeUnit.SECONDS) != null);
            Commands.run("kill", "-STOP", Long.toString(stalled.pid())).ok();

            BlockingQueue<DBusSignal> received = new LinkedBlockingQueue<>();
            client.connection.addSigHandler(MapSignals.PathFailed.class, received::add);
            client.connection.addSigHandler(MapSignals.PathReinstated.class, received::add);
            int flaps = 300;
            List<Long> expected = new ArrayList<>();
            for (int i = 0; i < flaps; i++) {
                String path = engine.pathName(i % 50, i % 4);
                expected.add(engine.fail(path).get(0).sequence());
                expected.add(engine.restore(path).get(0).sequence());
            }
            List<Long> seen = new ArrayList<>();
            while (seen.size() < expected.size()) {
                DBusSignal signal = received.poll(30, TimeUnit.SECONDS);
                assertTrue("the healthy client got " + seen.size() + " of " + expected.size() + " signals", signal != null);
                seen.add(signal instanceof MapSignals.PathFailed failed ? failed.seqnum.longValue()
                        : ((MapSignals.PathReinstated) signal).seqnum.longValue());
            }
            assertEquals("every transition, in order, none lost, despite the stalled client", expected, seen);
            assertEquals("calls are still answered: 50 maps, 100 groups, 200 paths", 350,
                    client.managedObjects().size());
        } finally {
            Commands.run("kill", "-CONT", Long.toString(stalled.pid()));
            stalled.destroy();
        }
    }
}

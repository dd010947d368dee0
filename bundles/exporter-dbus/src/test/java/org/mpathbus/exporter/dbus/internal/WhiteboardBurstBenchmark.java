package org.mpathbus.exporter.dbus.internal;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.freedesktop.dbus.interfaces.ObjectManager;
import org.junit.Test;
import org.mpathbus.exporter.dbus.spi.BusInterface;
import org.mpathbus.exporter.dbus.spi.BusReply;
import org.mpathbus.exporter.dbus.spi.ObjectType;

/**
 * Prints how long a provider's coming and going takes at 2,500 maps x 4 paths: MapControl and PathControl
 * registered together are 12,500 InterfacesAdded, unregistered 12,500 InterfacesRemoved. Never fails on timing.
 * Run it with: mvn -o test -pl bundles/exporter-dbus -Dtest=WhiteboardBurstBenchmark
 */
public class WhiteboardBurstBenchmark {

    private static final int MAPS = 2_500;
    private static final int PATHS_PER_MAP = 4;
    private static final int SIGNALS = MAPS + MAPS * PATHS_PER_MAP;
    private static final int ROUNDS = 3;

    @Test
    public void printFigures() throws Exception {
        Commands.require("busctl", "systemd");
        try (PrivateBus bus = PrivateBus.start(); BusClient client = new BusClient(bus.address())) {
            FakeEngine engine = new FakeEngine(MAPS, PATHS_PER_MAP);
            ExportWriter writer = engine.exportOn(bus.address());
            try {
                List<BusInterface> providers = List.of(TestInterface.pathControl(call -> BusReply.EMPTY),
                        new TestInterface(TestInterface.MAP_CONTROL, ObjectType.MAP, call -> BusReply.EMPTY));
                for (int round = 1; round <= ROUNDS; round++) {
                    measure("added", client, writer, AddedInterfaces.of(providers), round);
                    measure("removed", client, writer, AddedInterfaces.NONE, round);
                }
            } finally {
                writer.stop();
            }
        }
    }

    private static void measure(String what, BusClient client, ExportWriter writer, AddedInterfaces next, int round)
            throws Exception {
        CountDownLatch received = new CountDownLatch(SIGNALS);
        AtomicLong last = new AtomicLong();
        Class<? extends org.freedesktop.dbus.messages.DBusSignal> type = next.isEmpty()
                ? ObjectManager.InterfacesRemoved.class : ObjectManager.InterfacesAdded.class;
        try (AutoCloseable handler = client.connection.addSigHandler(type, signal -> {
            last.set(System.nanoTime());
            received.countDown();
        })) {
            long start = System.nanoTime();
            writer.offerInterfaces(next);
            // The writer publishes once every InterfacesAdded is queued, or before it queues the InterfacesRemoved
            while (writer.published().added() != next) {
                Thread.sleep(1);
            }
            long published = System.nanoTime();
            boolean all = received.await(120, TimeUnit.SECONDS);
            System.out.printf("round %d: %,d Interfaces%s: model published after %.0f ms, the client had %s after"
                    + " %.0f ms%n", round, SIGNALS, what.equals("added") ? "Added" : "Removed",
                    (published - start) / 1e6, all ? "every signal" : (SIGNALS - received.getCount()) + " signals",
                    (last.get() - start) / 1e6);
        }
    }
}

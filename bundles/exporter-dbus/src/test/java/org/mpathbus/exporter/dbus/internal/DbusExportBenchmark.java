package org.mpathbus.exporter.dbus.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.freedesktop.dbus.messages.DBusSignal;
import org.junit.Test;

/**
 * Prints the exporter's figures at 2,500 maps x 4 paths on a private dbus-daemon; never fails on timing.
 * Run it with: mvn -o test -pl bundles/exporter-dbus -Dtest=DbusExportBenchmark
 */
public class DbusExportBenchmark {

    private static final int MAPS = 2_500;
    private static final int PATHS_PER_MAP = 4;
    private static final int CALLS = 15;
    private static final int FAULTS = 300;

    @Test
    public void printFigures() throws Exception {
        Commands.require("busctl", "systemd");
        try (PrivateBus bus = PrivateBus.start(); BusClient client = new BusClient(bus.address())) {
            FakeEngine engine = new FakeEngine(MAPS, PATHS_PER_MAP);
            long start = System.nanoTime();
            ExportWriter writer = new ExportWriter(bus.address(), "0.1.0",
                    new BusRouter(() -> engine.refresh().generation()), new Introspection(), engine::refresh);
            writer.start();
            // When the engine hands each update over: the exporter's share of the latency starts here
            java.util.concurrent.atomic.AtomicLong handedOver = new java.util.concurrent.atomic.AtomicLong();
            engine.register((topology, events) -> {
                handedOver.set(System.nanoTime());
                writer.offer(topology, events);
            });
            client.awaitName(true, 60_000);
            double startMillis = (System.nanoTime() - start) / 1e6;
            try {
                List<Double> dbusJava = new ArrayList<>();
                int objects = 0;
                for (int i = 0; i < CALLS; i++) {
                    long t = System.nanoTime();
                    objects = client.managedObjects().size();
                    dbusJava.add((System.nanoTime() - t) / 1e6);
                }
                List<Double> busctl = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    long t = System.nanoTime();
                    Commands.run("busctl", "--address=" + bus.address(), "call", "--quiet", ObjectPaths.BUS_NAME,
                            ObjectPaths.ROOT, "org.freedesktop.DBus.ObjectManager", "GetManagedObjects").ok();
                    busctl.add((System.nanoTime() - t) / 1e6);
                }
                BlockingQueue<DBusSignal> signals = new LinkedBlockingQueue<>();
                AutoCloseable onFailed = client.connection.addSigHandler(MapSignals.PathFailed.class, signals::add);
                AutoCloseable onReinstated = client.connection.addSigHandler(MapSignals.PathReinstated.class, signals::add);
                List<Double> latencies = new ArrayList<>();
                List<Double> exporterShare = new ArrayList<>();
                for (int i = 0; i < FAULTS; i++) {
                    String path = engine.pathName((i * 7) % MAPS, i % PATHS_PER_MAP);
                    for (boolean fail : new boolean[] {true, false}) {
                        long t = System.nanoTime();
                        if (fail) {
                            engine.fail(path);
                        } else {
                            engine.restore(path);
                        }
                        DBusSignal signal = signals.poll(10, TimeUnit.SECONDS);
                        if (signal == null) {
                            throw new AssertionError("no transition signal for " + path);
                        }
                        long received = System.nanoTime();
                        latencies.add((received - t) / 1e6);
                        exporterShare.add((received - handedOver.get()) / 1e6);
                    }
                }
                onFailed.close();
                onReinstated.close();
                System.gc();
                Runtime runtime = Runtime.getRuntime();
                double heapMiB = (runtime.totalMemory() - runtime.freeMemory()) / 1048576.0;
                System.out.printf("%nD-Bus exporter benchmark: %d maps x %d paths = %d objects under the manager%n",
                        MAPS, PATHS_PER_MAP, objects);
                System.out.printf("  start to name on bus (export of the first snapshot): %.0f ms%n", startMillis);
                System.out.printf("  GetManagedObjects, dbus-java client: median %.0f ms, min %.0f ms (%d calls)%n",
                        median(dbusJava), Collections.min(dbusJava), CALLS);
                System.out.printf("  GetManagedObjects, busctl call --quiet (sd-bus reads the whole reply; incl. process start): median %.0f ms%n", median(busctl));
                System.out.printf("  fault to signal received (dbus-java client): median %.2f ms, p99 %.2f ms, max %.2f ms"
                        + " (%d transitions)%n", median(latencies), percentile(latencies, 99),
                        Collections.max(latencies), latencies.size());
                System.out.printf("  of which hand-over to signal received (exporter, bus, client): median %.2f ms, p99 %.2f ms%n",
                        median(exporterShare), percentile(exporterShare, 99));
                System.out.printf("  test JVM heap in use after GC (engine stand-in, exporter and client): %.0f MiB%n",
                        heapMiB);
            } finally {
                writer.stop();
            }
        }
    }

    private static double median(List<Double> values) {
        return percentile(values, 50);
    }

    private static double percentile(List<Double> values, int percent) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}

package org.mpathbus.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.mpathbus.api.CheckerState;
import org.mpathbus.api.Path;
import org.mpathbus.api.Topology;
import org.mpathbus.api.event.PathFailed;
import org.mpathbus.api.event.PathReinstated;
import org.mpathbus.api.event.TopologyEvent;
import org.mpathbus.api.spi.TopologyListener;
import org.mpathbus.simulator.SanSimulator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Measures a running daemon from the inside, where the figures are exact: JVM start to the first complete
 * topology, steady CPU while every path is checked, resident memory, and the latency from an injected
 * fault to a TopologyListener. With mpathbus.benchmark.scrape_url set it scrapes the Prometheus exporter
 * there once a second from the first complete topology on, and reports the scrapes beside the rest (whose
 * figures then include the scrapes' cost). Prints the figures, writes them to mpathbus.benchmark.report if
 * set, and stops the framework.
 */
@Component(service = TopologyListener.class, immediate = true)
public class DaemonBenchmark implements TopologyListener {

    private final BundleContext context;
    private final SanSimulator san;
    private final int expectedPaths;
    private final int steadySeconds;
    private final int faults;
    private final long jvmStartMillis = ManagementFactory.getRuntimeMXBean().getStartTime();
    private final CountDownLatch complete = new CountDownLatch(1);
    private final CountDownLatch allChecked = new CountDownLatch(1);
    private final Map<String, Long> awaitedSince = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> awaited = new ConcurrentHashMap<>();
    private final List<Long> latenciesNanos = Collections.synchronizedList(new ArrayList<>());
    private volatile long completeAtMillis;
    private volatile long allCheckedAtMillis;
    private volatile Topology latest;
    private final Thread runner;
    private final String scrapeUrl;

    @Activate
    public DaemonBenchmark(BundleContext context, @Reference SanSimulator san) {
        this.context = context;
        this.san = san;
        this.expectedPaths = intProperty("mpathbus.benchmark.paths", 10_000);
        this.steadySeconds = intProperty("mpathbus.benchmark.steady_seconds", 60);
        this.faults = intProperty("mpathbus.benchmark.faults", 200);
        this.scrapeUrl = context.getProperty("mpathbus.benchmark.scrape_url");
        this.runner = new Thread(this::run, "mpathbus-benchmark");
        runner.setDaemon(true);
        runner.start();
    }

    @Deactivate
    void stop() {
        runner.interrupt();
    }

    @Override
    public void topologyChanged(Topology topology, List<TopologyEvent> events) {
        latest = topology;
        for (TopologyEvent event : events) {
            if (event instanceof PathFailed || event instanceof PathReinstated) {
                String name = event instanceof PathFailed ? ((PathFailed) event).path().name()
                        : ((PathReinstated) event).path().name();
                Long since = awaitedSince.remove(name);
                if (since != null) {
                    latenciesNanos.add(System.nanoTime() - since);
                    awaited.remove(name).countDown();
                }
            }
        }
        if (complete.getCount() > 0 && topology.paths().size() >= expectedPaths) {
            completeAtMillis = System.currentTimeMillis();
            complete.countDown();
        }
        if (allChecked.getCount() > 0 && topology.paths().size() >= expectedPaths && everyPathChecked(topology)) {
            allCheckedAtMillis = System.currentTimeMillis();
            allChecked.countDown();
        }
    }

    private static boolean everyPathChecked(Topology topology) {
        for (Path path : topology.paths().values()) {
            if (path.checkerState() == CheckerState.UNCHECKED) {
                return false;
            }
        }
        return true;
    }

    private void run() {
        StringBuilder report = new StringBuilder();
        ScrapeLoop scrapes = null;
        try {
            if (!complete.await(5, TimeUnit.MINUTES) || !allChecked.await(5, TimeUnit.MINUTES)) {
                report.append("benchmark: topology never reached ").append(expectedPaths).append(" checked paths\n");
                return;
            }
            Topology topology = latest;
            report.append(String.format("topology            %d maps, %d paths (source %s)%n", topology.maps().size(),
                    topology.paths().size(), topology.source()));
            report.append(String.format("start to topology   %d ms (JVM start to first complete topology)%n",
                    completeAtMillis - jvmStartMillis));
            report.append(String.format("start to checked    %d ms (JVM start to every path checked)%n",
                    allCheckedAtMillis - jvmStartMillis));

            if (scrapeUrl != null) {
                scrapes = new ScrapeLoop(scrapeUrl);
            }
            TimeUnit.SECONDS.sleep(Math.min(30, steadySeconds));
            if (scrapes != null) {
                scrapes.reset();
            }
            System.gc();
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            long wall0 = System.nanoTime();
            TimeUnit.SECONDS.sleep(steadySeconds);
            long cpu = os.getProcessCpuTime() - cpu0;
            long wall = System.nanoTime() - wall0;
            double share = 100.0 * cpu / wall;
            report.append(String.format("steady CPU          %.2f%% of one core over %d s = %.1f ms CPU per 5 s polling interval%n",
                    share, steadySeconds, cpu / 1e6 * 5e9 / wall));
            String resident = residentMemory();
            System.gc();
            report.append(String.format("resident memory     %s (heap used %d MB after GC)%n", resident,
                    usedHeapMegabytes()));
            report.append(String.format("threads             %d%n", ManagementFactory.getThreadMXBean().getThreadCount()));

            measureFaultLatency(topology, report);
            if (scrapes != null) {
                report.append(scrapes.report());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            report.append("benchmark failed: ").append(e).append('\n');
        } finally {
            if (scrapes != null) {
                scrapes.close();
            }
            finish(report.toString());
        }
    }

    private void measureFaultLatency(Topology topology, StringBuilder report) throws InterruptedException {
        List<Path> paths = new ArrayList<>(topology.paths().values());
        paths.sort(Comparator.comparing(Path::name));
        for (int i = 0; i < faults; i++) {
            Path path = paths.get((i * 7919) % paths.size());
            inject(path.name(), () -> san.failPath(path.name()));
            inject(path.name(), () -> san.restorePath(path.name()));
        }
        List<Long> sorted = new ArrayList<>(latenciesNanos);
        sorted.sort(null);
        report.append(String.format("fault to listener   median %.3f ms, p99 %.3f ms, max %.3f ms over %d events%n",
                percentile(sorted, 50) / 1e6, percentile(sorted, 99) / 1e6, sorted.get(sorted.size() - 1) / 1e6,
                sorted.size()));
    }

    private void inject(String path, Runnable fault) throws InterruptedException {
        CountDownLatch seen = new CountDownLatch(1);
        awaited.put(path, seen);
        awaitedSince.put(path, System.nanoTime());
        fault.run();
        if (!seen.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no PathFailed/PathReinstated for " + path + " within 10 s");
        }
    }

    static long percentile(List<Long> sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }

    private static String residentMemory() {
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return (kb / 1024) + " MB";
                }
            }
        } catch (IOException | NumberFormatException e) {
            return "unknown (" + e.getMessage() + ")";
        }
        return "unknown";
    }

    private static long usedHeapMegabytes() {
        Runtime runtime = Runtime.getRuntime();
        return (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024);
    }

    private void finish(String report) {
        System.out.print(report);
        System.out.flush();
        String file = context.getProperty("mpathbus.benchmark.report");
        try {
            if (file != null) {
                Files.writeString(Paths.get(file), report);
            }
            context.getBundle(0).stop();
        } catch (IOException | BundleException | IllegalStateException e) {
            System.err.println("benchmark: could not finish cleanly: " + e);
        }
    }

    private int intProperty(String name, int otherwise) {
        String value = context.getProperty(name);
        return value == null ? otherwise : Integer.parseInt(value.strip());
    }
}

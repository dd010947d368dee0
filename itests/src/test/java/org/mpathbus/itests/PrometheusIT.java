package org.mpathbus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.mpathbus.testing.Await;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * bin/mpathbusd on the simulator scraped every second by a real Prometheus server (Debian's prometheus):
 * promtool finds nothing wrong in a scrape, PromQL sees a simulated failure and its restore, and the
 * exporter bundle comes and goes through deploy/ while the daemon runs and Prometheus scrapes.
 */
public class PrometheusIT {

    private static final String NO_BUS = "unix:path=/nonexistent/mpathbus-itests-bus";
    private static final String EXPORTER_JAR = "org.mpathbus.exporter.prometheus.jar";
    private static final String UP = "up{job=\"mpathbus\"}";

    private Path home;
    private Path deploy;
    private int metricsPort;
    private DaemonProcess daemon;
    private PrometheusServer prometheus;
    private final HttpClient http = HttpClient.newHttpClient();

    /**
     * A copy of the distribution whose exporter sits in deploy/ instead of bundle/, so removing the file
     * uninstalls it, and whose etc/ gives it a free port.
     */
    @Before
    public void daemonWithTheExporterInDeploy() throws IOException {
        home = MpathbusTestSupport.emptyDirectory("prometheus-daemon");
        Path distribution = MpathbusTestSupport.distribution();
        try (Stream<Path> files = Files.walk(distribution)) {
            for (Path source : files.toList()) {
                Path target = home.resolve(distribution.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        deploy = home.resolve("deploy");
        try (Stream<Path> bundles = Files.list(home.resolve("bundle"))) {
            Path exporter = bundles.filter(jar -> jar.getFileName().toString()
                    .startsWith("org.mpathbus.exporter.prometheus-")).findFirst()
                    .orElseThrow(() -> new AssertionError("no exporter bundle in " + distribution + "/bundle"));
            Files.move(exporter, deploy.resolve(EXPORTER_JAR));
        }
        metricsPort = PrometheusServer.freePort();
        Files.writeString(home.resolve("etc/org.mpathbus.exporter.prometheus.cfg"), "port = " + metricsPort + "\n");
        try (Stream<Path> files = Files.walk(home)) {
            for (Path path : files.toList()) {
                if (!Files.isDirectory(path) && !Files.isExecutable(path)) {
                    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
        }
        daemon = DaemonProcess.start(home, DaemonProcess.mpathbusd(home, "--source=simulator",
                "--state=" + MpathbusTestSupport.emptyDirectory("prometheus-state"), "--bus-address=" + NO_BUS));
    }

    @After
    public void stop() throws InterruptedException {
        if (prometheus != null) {
            prometheus.close();
        }
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    public void prometheusSeesAFailureAndItsRestoreAndTheExporterComeAndGo() throws Exception {
        String scrape = awaitScrape("text/plain");
        HostCommands.Result lint = HostCommands.run(List.of(HostCommands.require("promtool", "prometheus"), "check", "metrics"),
                scrape.getBytes(StandardCharsets.UTF_8));
        assertEquals("promtool check metrics on a scrape of " + scrape.length() + " bytes:\n" + lint.output(),
                new HostCommands.Result(0, ""), lint);
        assertEquals("names the example rules and the dashboard use, missing from a scrape", List.of(),
                namesMissingFrom(scrape, "mpathbus-alerts.yml", "mpathbus-grafana-dashboard.json"));
        String openMetrics = awaitScrape("application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertTrue("OpenMetrics when asked for:\n" + openMetrics.substring(0, 400),
                openMetrics.contains("# TYPE mpathbus_device_health stateset") && openMetrics.endsWith("# EOF\n"));

        prometheus = PrometheusServer.scraping(metricsPort, MpathbusTestSupport.emptyDirectory("prometheus"));
        prometheus.awaitValue(UP, "1");
        prometheus.awaitValue("mpathbus_path_dm_state{path=\"sda\",state=\"active\"}", "1");
        prometheus.awaitValue("mpathbus_path_failures_total{path=\"sda\"}", "0");

        daemon.send("mpath:fail sda");
        prometheus.awaitValue("mpathbus_path_dm_state{path=\"sda\",state=\"failed\"}", "1");
        prometheus.awaitValue("mpathbus_path_checker_state{path=\"sda\",state=\"down\"}", "1");
        prometheus.awaitValue("mpathbus_path_failures_total{path=\"sda\"}", "1");
        prometheus.awaitValue("mpathbus_device_paths_active{device=\"mpatha\"}", "3");
        prometheus.awaitValue("mpathbus_device_health{device=\"mpatha\",mpathbus_device_health=\"degraded\"}", "1");

        daemon.send("mpath:restore sda");
        prometheus.awaitValue("mpathbus_path_dm_state{path=\"sda\",state=\"active\"}", "1");
        prometheus.awaitValue("mpathbus_path_reinstatements_total{path=\"sda\"}", "1");
        prometheus.awaitValue("mpathbus_device_health{device=\"mpatha\",mpathbus_device_health=\"optimal\"}", "1");

        // Uninstalled while Prometheus scrapes: the port closes, the daemon runs on.
        Path away = MpathbusTestSupport.emptyDirectory("exporter-away").resolve(EXPORTER_JAR);
        Files.move(deploy.resolve(EXPORTER_JAR), away);
        prometheus.awaitValue(UP, "0");
        daemon.awaitProbe("the daemon still serving its console", "mpath:maps", out -> out.contains("mpatha"));

        // And installed again: scraped again, with the daemon's state as it is now.
        Files.move(away, deploy.resolve(EXPORTER_JAR));
        prometheus.awaitValue(UP, "1");
        prometheus.awaitValue("mpathbus_device_paths_active{device=\"mpatha\"}", "4");
    }

    /** The mpathbus_ metric names in the files of packaging/prometheus that no sample of the scrape has. */
    private static List<String> namesMissingFrom(String scrape, String... files) throws IOException {
        Set<String> sampled = scrape.lines().filter(line -> !line.startsWith("#"))
                .map(line -> line.split("[{ ]", 2)[0]).collect(Collectors.toSet());
        Set<String> used = new TreeSet<>();
        for (String file : files) {
            Matcher name = Pattern.compile("mpathbus_[a-z_]+").matcher(
                    Files.readString(Path.of("..", "packaging", "prometheus", file)));
            while (name.find()) {
                used.add(name.group());
            }
        }
        return used.stream().filter(name -> !sampled.contains(name)).toList();
    }

    /** The first successful scrape, asking for {@code accept}. */
    private String awaitScrape(String accept) {
        String[] body = {null};
        Await.until("/metrics on port " + metricsPort, Await.DEFAULT, () -> {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + metricsPort + "/metrics")).header("Accept", accept)
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("mpathbus_path_dm_state{")) {
                    body[0] = response.body();
                    return true;
                }
                return false;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }, daemon::tail);
        return body[0];
    }
}

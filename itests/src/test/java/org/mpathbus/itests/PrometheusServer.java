package org.mpathbus.itests;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mpathbus.testing.Await;

/**
 * Debian's prometheus server as a process: it listens on 127.0.0.1 on a free port, keeps its data in a
 * private directory, scrapes one target every second, and answers PromQL over its HTTP API.
 */
final class PrometheusServer implements AutoCloseable {

    private static final Pattern FIRST_VALUE = Pattern.compile("\"value\":\\[[0-9.]+,\"([^\"]*)\"\\]");

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PrometheusServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the server scraping http://127.0.0.1:{@code targetPort}/metrics as job "mpathbus". */
    static PrometheusServer scraping(int targetPort, Path directory) throws IOException {
        String prometheus = HostCommands.require("prometheus", "prometheus");
        int port = freePort();
        Path config = Files.writeString(directory.resolve("prometheus.yml"), String.join("\n",
                "global:",
                "  scrape_interval: 1s",
                "  scrape_timeout: 1s",
                "  evaluation_interval: 1s",
                "scrape_configs:",
                "  - job_name: mpathbus",
                "    static_configs:",
                "      - targets: ['127.0.0.1:" + targetPort + "']",
                ""));
        Path log = directory.resolve("prometheus.log");
        Process process = new ProcessBuilder(prometheus, "--config.file=" + config,
                "--storage.tsdb.path=" + Files.createDirectories(directory.resolve("data")),
                "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PrometheusServer server = new PrometheusServer(process, port, log);
        Await.until("prometheus to answer on port " + port, Await.DEFAULT, server::ready, server::logTail);
        return server;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private boolean ready() {
        return get("/-/ready").map(body -> body.contains("Ready")).orElse(false);
    }

    /** The value of the first series the instant query returns; empty when it returns none. */
    Optional<String> query(String promql) {
        return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)).flatMap(body -> {
            Matcher value = FIRST_VALUE.matcher(body);
            return value.find() ? Optional.of(value.group(1)) : Optional.empty();
        });
    }

    /** Waits until the query's first value is {@code expected}. */
    void awaitValue(String promql, String expected) {
        Await.until(promql + " = " + expected, Await.DEFAULT, () -> query(promql).equals(Optional.of(expected)),
                () -> promql + " is " + query(promql) + "; prometheus log:\n" + logTail());
    }

    private Optional<String> get(String pathAndQuery) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + pathAndQuery)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}

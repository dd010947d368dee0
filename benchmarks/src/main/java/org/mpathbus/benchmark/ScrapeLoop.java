package org.mpathbus.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Scrapes the Prometheus exporter's /metrics once a second, as a Prometheus server with scrape_interval 1s
 * would, and records how long each scrape took (request to last byte) and how many bytes it had.
 */
final class ScrapeLoop implements AutoCloseable {

    private final URI metrics;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Long> nanos = new ArrayList<>();
    private final Thread thread;
    private volatile long lastBytes;
    private volatile String failure;

    ScrapeLoop(String url) {
        this.metrics = URI.create(url);
        this.thread = new Thread(this::run, "mpathbus-benchmark-scrape");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        HttpRequest request = HttpRequest.newBuilder(metrics).header("Accept", "text/plain")
                .timeout(Duration.ofSeconds(10)).build();
        long next = System.nanoTime();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                long started = System.nanoTime();
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                long took = System.nanoTime() - started;
                if (response.statusCode() == 200) {
                    synchronized (nanos) {
                        nanos.add(took);
                    }
                    lastBytes = response.body().length;
                } else {
                    failure = "HTTP " + response.statusCode();
                }
                next += 1_000_000_000L;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            } catch (IOException e) {
                failure = e.toString();
                next = System.nanoTime() + 1_000_000_000L;
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Forgets the scrapes so far (those of start-up), so the figures are of the steady daemon. */
    void reset() {
        synchronized (nanos) {
            nanos.clear();
        }
    }

    String report() {
        List<Long> sorted;
        synchronized (nanos) {
            sorted = new ArrayList<>(nanos);
        }
        sorted.sort(null);
        if (sorted.isEmpty()) {
            return String.format("scrape              none succeeded (%s)%n", failure);
        }
        return String.format("scrape              median %.1f ms, p99 %.1f ms, max %.1f ms over %d scrapes, "
                + "%d bytes (text format)%s%n", DaemonBenchmark.percentile(sorted, 50) / 1e6,
                DaemonBenchmark.percentile(sorted, 99) / 1e6, sorted.get(sorted.size() - 1) / 1e6, sorted.size(),
                lastBytes, failure == null ? "" : "; last failure: " + failure);
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}

package org.mpathbus.exporter.prometheus.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The client's HTTP server on one address and port: /metrics in the text format or OpenMetrics, as the
 * scraper's Accept header asks, gzip when it accepts that. Two daemon threads serve it, so scrapes never
 * compete with the engine for more than that.
 */
final class MetricsEndpoint implements AutoCloseable {

    private static final int THREADS = 2;

    private final ExecutorService threads;
    private final HTTPServer server;

    private MetricsEndpoint(ExecutorService threads, HTTPServer server) {
        this.threads = threads;
        this.server = server;
    }

    /** Listens at once; fails when the address is unknown or the port is taken. */
    static MetricsEndpoint start(String address, int port, PrometheusRegistry registry) throws IOException {
        AtomicInteger number = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(THREADS, runnable -> {
            Thread thread = new Thread(runnable, "mpathbus-prometheus-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            InetSocketAddress socket = new InetSocketAddress(address, port);
            if (socket.isUnresolved()) {
                throw new IOException("unknown address '" + address + "'");
            }
            HTTPServer server = HTTPServer.builder().inetAddress(socket.getAddress()).port(port).registry(registry)
                    .executorService(threads).buildAndStart();
            return new MetricsEndpoint(threads, server);
        } catch (IOException | RuntimeException e) {
            threads.shutdownNow();
            throw e;
        }
    }

    int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.close();
        threads.shutdownNow();
    }
}

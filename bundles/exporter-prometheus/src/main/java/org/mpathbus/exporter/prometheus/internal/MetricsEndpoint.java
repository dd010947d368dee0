package org.mpathbus.exporter.prometheus.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The client's HTTP server on one address and port: /metrics in the text format or OpenMetrics, as the
 * scraper's Accept header asks, gzip when it accepts that. Scrapes are answered one at a time on the
 * server's own dispatcher thread: at 2,500 maps x 4 paths one scrape builds about 12 MB of text and its
 * snapshots, and a second one beside it exhausted the daemon's heap (16 concurrent curls ended it with
 * OutOfMemoryError). Connections that come meanwhile wait in the listen backlog, costing no heap.
 */
final class MetricsEndpoint implements AutoCloseable {

    private final ExecutorService dispatcher;
    private final HTTPServer server;

    private MetricsEndpoint(ExecutorService dispatcher, HTTPServer server) {
        this.dispatcher = dispatcher;
        this.server = server;
    }

    /** Listens at once; fails when the address is unknown or the port is taken. */
    static MetricsEndpoint start(String address, int port, PrometheusRegistry registry) throws IOException {
        ExecutorService dispatcher = new OnCallingThread();
        InetSocketAddress socket = new InetSocketAddress(address, port);
        if (socket.isUnresolved()) {
            throw new IOException("unknown address '" + address + "'");
        }
        HTTPServer server = HTTPServer.builder().inetAddress(socket.getAddress()).port(port).registry(registry)
                .executorService(dispatcher).buildAndStart();
        return new MetricsEndpoint(dispatcher, server);
    }

    int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.close();
        dispatcher.shutdownNow();
    }

    /** Runs each task on the thread that hands it over: the HTTP server's dispatcher. */
    private static final class OnCallingThread extends AbstractExecutorService {

        private volatile boolean shutdown;

        @Override
        public void execute(Runnable task) {
            task.run();
        }

        @Override
        public void shutdown() {
            shutdown = true;
        }

        @Override
        public List<Runnable> shutdownNow() {
            shutdown = true;
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return shutdown;
        }

        @Override
        public boolean isTerminated() {
            return shutdown;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return shutdown;
        }
    }
}

package org.mpathbus.exporter.prometheus.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * /metrics on Jetty's core server, one address and port. Jetty reads requests and writes replies without
 * blocking, so a client that trickles its request or never reads its reply holds a connection slot and no
 * thread; {@link ConnectionAdmission} bounds the slots (per client address too) and closes every
 * connection at its deadline; {@link Renderings} renders one scrape at a time and shares its bytes, so the
 * heap holds a few renderings however many clients wait.
 */
final class MetricsEndpoint implements AutoCloseable {

    /** The limits of the endpoint; {@link #DEFAULT} is what the daemon serves with. */
    record Limits(int connections, int connectionsPerAddress, Duration deadline) {
        static final Limits DEFAULT = new Limits(256, 64, Duration.ofSeconds(15));
    }

    /** Request line and headers; Prometheus sends about 300 bytes. */
    private static final int REQUEST_HEAD_BYTES = 8 * 1024;
    private static final int THREADS = 6;

    private final Server server;
    private final ServerConnector connector;
    private final ConnectionAdmission admission;
    private final Renderings renderings;

    private MetricsEndpoint(Server server, ServerConnector connector, ConnectionAdmission admission,
            Renderings renderings) {
        this.server = server;
        this.connector = connector;
        this.admission = admission;
        this.renderings = renderings;
    }

    /** Listens at once; fails when the address is unknown or the port is taken. */
    static MetricsEndpoint start(String address, int port, PrometheusRegistry registry) throws IOException {
        return start(address, port, registry, Limits.DEFAULT);
    }

    static MetricsEndpoint start(String address, int port, PrometheusRegistry registry, Limits limits)
            throws IOException {
        InetSocketAddress socket = new InetSocketAddress(address, port);
        if (socket.isUnresolved()) {
            throw new IOException("unknown address '" + address + "'");
        }
        QueuedThreadPool threads = new QueuedThreadPool(THREADS, 2);
        threads.setName("mpathbus-metrics");
        threads.setDaemon(true);
        ScheduledExecutorScheduler scheduler = new ScheduledExecutorScheduler("mpathbus-metrics-deadlines", true);
        // Small buffers only (request heads, reply headers): the replies' bytes are the renderings'.
        ArrayByteBufferPool buffers = new ArrayByteBufferPool(0, 1024, 64 * 1024, 64, 1 << 20, 1 << 20);
        Server server = new Server(threads, scheduler, buffers);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setRequestHeaderSize(REQUEST_HEAD_BYTES);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(socket.getAddress().getHostAddress());
        connector.setPort(port);
        connector.setIdleTimeout(limits.deadline().toMillis());
        ConnectionAdmission admission = new ConnectionAdmission(limits.connections(), limits.connectionsPerAddress(),
                limits.deadline(), scheduler);
        connector.addEventListener(admission);
        server.addConnector(connector);
        Renderings renderings = new Renderings(registry, System::nanoTime);
        server.setHandler(new ScrapeHandler(renderings));
        try {
            server.start();
        } catch (Exception e) {
            renderings.close();
            stop(server);
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
        return new MetricsEndpoint(server, connector, admission, renderings);
    }

    int port() {
        return connector.getLocalPort();
    }

    /** Connections held now; for tests. */
    int connections() {
        return admission.held();
    }

    /** Renderings held by writers now; for tests. */
    int heldRenderings() {
        return renderings.held();
    }

    @Override
    public void close() {
        renderings.close();
        stop(server);
    }

    private static void stop(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            // Stopping closes the port first; what fails after that leaves nothing listening.
            System.getLogger(MetricsEndpoint.class.getName()).log(System.Logger.Level.WARNING,
                    "stopping the /metrics server: " + e);
        }
    }
}

package org.mpathbus.exporter.prometheus.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.After;
import org.junit.Test;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * The endpoint against real sockets: clients that trickle their request or never read hold connections
 * while a scrape is answered within its bound; every connection ends at its deadline; one address cannot
 * take every slot; clients that never read hold a bounded number of renderings; every scrape reads the
 * counters anew.
 */
public class MetricsEndpointTest {

    /** About 7 MB of text: more than loopback's socket buffers take from a client that never reads. */
    private static final int SERIES = 150_000;
    private static final Duration SCRAPE_BOUND = Duration.ofSeconds(5);

    private final AtomicLong scrapes = new AtomicLong();
    private final List<Socket> clients = new ArrayList<>();
    private MetricsEndpoint endpoint;

    @After
    public void close() throws IOException {
        for (Socket client : clients) {
            client.close();
        }
        if (endpoint != null) {
            endpoint.close();
        }
    }

    private PrometheusRegistry registry() {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register((MultiCollector) () -> {
            GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name("test_series");
            for (int i = 0; i < SERIES; i++) {
                gauge.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                        .labels(Labels.of("device", "mpath" + i, "path", "sd" + i)).value(i).build());
            }
            CounterSnapshot counter = CounterSnapshot.builder().name("test_scrapes").dataPoint(
                    CounterSnapshot.CounterDataPointSnapshot.builder().value(scrapes.incrementAndGet()).build()).build();
            return new MetricSnapshots(gauge.build(), counter);
        });
        return registry;
    }

    @Test
    public void aScrapeIsAnsweredWithinItsBoundWhileEightSlowClientsHoldConnections() throws Exception {
        endpoint = MetricsEndpoint.start("127.0.0.1", 0, registry());
        int whole = scrape(Duration.ofSeconds(30)).body().length();
        for (int i = 0; i < 4; i++) {
            clients.add(trickler());
            clients.add(neverReading());
        }
        Thread trickle = new Thread(() -> {
            byte[] request = "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            try {
                for (int at = 0; at < request.length; at++) {
                    for (int i = 0; i < clients.size(); i += 2) {
                        OutputStream out = clients.get(i).getOutputStream();
                        out.write(request[at]);
                        out.flush();
                    }
                    Thread.sleep(1000);
                }
            } catch (IOException | InterruptedException e) {
                // Cut off by the server, or the test is over.
            }
        });
        trickle.setDaemon(true);
        trickle.start();
        Thread.sleep(1500);

        long start = System.nanoTime();
        HttpResponse<String> response = scrape(SCRAPE_BOUND);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(200, response.statusCode());
        assertEquals("a whole scrape", whole, response.body().length(), whole / 100.0);
        assertTrue("scraped in " + took.toMillis() + " ms beside 8 slow clients, bound " + SCRAPE_BOUND,
                took.compareTo(SCRAPE_BOUND) < 0);
        trickle.interrupt();
    }

    @Test
    public void everyConnectionEndsAtItsDeadlineWhateverTheClientDoes() throws Exception {
        Duration deadline = Duration.ofSeconds(2);
        endpoint = MetricsEndpoint.start("127.0.0.1", 0, registry(), new MetricsEndpoint.Limits(64, 16, deadline));
        Socket halfRequest = connect(InetAddress.getLoopbackAddress());
        halfRequest.getOutputStream().write("GET /metr".getBytes(StandardCharsets.US_ASCII));
        Socket neverReading = neverReading();
        Socket silent = connect(InetAddress.getLoopbackAddress());
        long start = System.nanoTime();
        for (Socket client : List.of(halfRequest, silent)) {
            client.setSoTimeout(10_000);
            assertEquals("the server closed the connection", -1, client.getInputStream().read());
        }
        neverReading.setSoTimeout(10_000);
        Thread.sleep(deadline.toMillis());
        InputStream reply = neverReading.getInputStream();
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        try {
            reply.transferTo(got);
        } catch (IOException reset) {
            // Closed with unread bytes: a reset is the same end.
        }
        String text = got.toString(StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *([0-9]+)").matcher(text);
        long whole = headEnd > 0 && length.find() ? Long.parseLong(length.group(1)) : Long.MAX_VALUE;
        long received = headEnd > 0 ? text.length() - headEnd - 4 : 0;
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue("ended in " + took.toMillis() + " ms, deadline " + deadline.toMillis() + " ms",
                took.compareTo(deadline.plusSeconds(3)) < 0);
        assertTrue("the reader that never read got a cut-off reply: " + received + " bytes",
                received < whole);
        assertEquals("connections held", 0, endpoint.connections());
    }

    @Test
    public void oneAddressCannotTakeEverySlot() throws Exception {
        endpoint = MetricsEndpoint.start("127.0.0.1", 0, registry(), new MetricsEndpoint.Limits(8, 3,
                Duration.ofSeconds(15)));
        InetAddress one = InetAddress.getByName("127.0.0.1");
        for (int i = 0; i < 3; i++) {
            clients.add(connect(one));
            // Jetty admits accepted connections on pool threads: wait for each, so the fourth is the fourth.
            long until = System.nanoTime() + 5_000_000_000L;
            while (endpoint.connections() <= i && System.nanoTime() < until) {
                Thread.sleep(10);
            }
        }
        Socket fourth = connect(one);
        fourth.setSoTimeout(5_000);
        assertEquals("a fourth connection from 127.0.0.1 is closed", -1, fourth.getInputStream().read());
        Socket other = connect(InetAddress.getByName("127.0.0.2"));
        other.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        other.setSoTimeout(30_000);
        String status = new String(other.getInputStream().readNBytes(15), StandardCharsets.US_ASCII);
        assertEquals("127.0.0.2 is served", "HTTP/1.1 200 OK", status);
        other.close();
    }

    @Test
    public void clientsThatNeverReadHoldABoundedNumberOfRenderingsAndEveryScrapeCountsAnew() throws Exception {
        endpoint = MetricsEndpoint.start("127.0.0.1", 0, registry());
        for (int i = 0; i < 5; i++) {
            clients.add(neverReading());
            Thread.sleep(Renderings.MINIMUM_HOLD.toMillis() / 2);
            assertTrue("renderings held: " + endpoint.heldRenderings(), endpoint.heldRenderings() <= Renderings.HELD);
        }
        String first = counterIn(scrape(Duration.ofSeconds(10)).body());
        String second = counterIn(scrape(Duration.ofSeconds(10)).body());
        assertNotEquals("the counter is read for every scrape", first, second);
    }

    private static String counterIn(String body) {
        return body.lines().filter(line -> line.startsWith("test_scrapes_total ")).findFirst().orElseThrow();
    }

    private HttpResponse<String> scrape(Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + "/metrics"))
                .timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
    }

    private Socket connect(InetAddress from) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", endpoint.port()), 5_000);
        return socket;
    }

    private Socket trickler() throws IOException {
        return connect(InetAddress.getLoopbackAddress());
    }

    /** Sends a whole request and never reads the reply. */
    private Socket neverReading() throws IOException {
        Socket socket = connect(InetAddress.getLoopbackAddress());
        socket.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }
}

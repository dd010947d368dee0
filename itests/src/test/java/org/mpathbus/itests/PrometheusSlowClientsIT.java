package org.mpathbus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.mpathbus.testing.Await;
import org.junit.After;
import org.junit.Test;

/**
 * Slow HTTP clients beside a real scraper (issue 18, finding 4): bin/mpathbusd on the simulator at 2,500 maps
 * x 4 paths (12 MB a scrape), 4 clients that send their request a byte a second and 4 that send a request
 * and never read the reply hold connections, and curl's scrape is whole and within its bound. On the JDK's
 * HTTP server, one dispatcher thread, the scrape waited for each slow client's cut-off (10 s, 30 s).
 */
public class PrometheusSlowClientsIT {

    private static final int MAPS = 2_500;
    /** A scrape of 12 MB renders in 0.2-1.2 s on two shared cores; the endpoint closes any connection at 15 s. */
    private static final double SCRAPE_BOUND_SECONDS = 8;
    private static final byte[] REQUEST = "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    private final List<Socket> slowClients = new ArrayList<>();
    private DaemonProcess daemon;

    @After
    public void stop() throws Exception {
        for (Socket client : slowClients) {
            client.close();
        }
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    public void aScrapeIsAnsweredWithinItsBoundWhileEightSlowClientsHoldConnections() throws Exception {
        Path home = MpathbusTestSupport.distribution();
        Path work = MpathbusTestSupport.emptyDirectory("prometheus-slow-clients");
        Path etc = Files.createDirectories(work.resolve("etc"));
        try (Stream<Path> defaults = Files.list(home.resolve("etc"))) {
            for (Path cfg : defaults.toList()) {
                MpathbusdIT.ownerWritableOnly(Files.copy(cfg, etc.resolve(cfg.getFileName())));
            }
        }
        MpathbusdIT.ownerWritableOnly(Files.writeString(etc.resolve("org.mpathbus.simulator.cfg"),
                "maps = " + MAPS + "\npaths_per_map = 4\n"));
        int port = PrometheusServer.freePort();
        MpathbusdIT.ownerWritableOnly(Files.writeString(etc.resolve("org.mpathbus.exporter.prometheus.cfg"),
                "port = " + port + "\n"));
        daemon = DaemonProcess.start(home, DaemonProcess.mpathbusd(home, "--no-console", "--source=simulator",
                "--etc=" + etc, "--state=" + work.resolve("state"),
                "--bus-address=unix:path=/nonexistent/mpathbus-itests-bus"));
        String curl = HostCommands.require("curl", "curl");
        String url = "http://127.0.0.1:" + port + "/metrics";
        Path scraped = work.resolve("scrape");
        Await.until("every map in a scrape", Await.DEFAULT, () -> {
            HostCommands.run(curl, "-s", "--max-time", "30", "-o", scraped.toString(), url);
            return maps(scraped) == MAPS;
        }, daemon::tail);
        double alone = timedScrape(curl, url, scraped);

        for (int i = 0; i < 4; i++) {
            Socket trickling = connect(port);
            slowClients.add(trickling);
            Socket neverReading = connect(port);
            neverReading.getOutputStream().write(REQUEST);
            slowClients.add(neverReading);
        }
        Thread trickle = new Thread(() -> {
            try {
                for (byte b : REQUEST) {
                    for (int i = 0; i < slowClients.size(); i += 2) {
                        OutputStream out = slowClients.get(i).getOutputStream();
                        out.write(b);
                        out.flush();
                    }
                    Thread.sleep(1000);
                }
            } catch (IOException | InterruptedException e) {
                // Cut off by the daemon, or the test is over.
            }
        }, "trickle");
        trickle.setDaemon(true);
        trickle.start();
        Thread.sleep(3000);

        double beside = timedScrape(curl, url, scraped);
        trickle.interrupt();
        System.out.printf("2,500 x 4: curl's scrape alone %.2f s, beside 8 slow clients %.2f s (bound %.0f s)%n",
                alone, beside, SCRAPE_BOUND_SECONDS);
        assertEquals("maps in the scrape beside the slow clients; daemon:\n" + daemon.tail(), MAPS, maps(scraped));
        assertTrue("scraped in " + beside + " s beside 8 slow clients, bound " + SCRAPE_BOUND_SECONDS + " s",
                beside < SCRAPE_BOUND_SECONDS);
    }

    /** curl's whole time for one scrape into {@code into}; a failed scrape counts as its time limit. */
    private static double timedScrape(String curl, String url, Path into) throws IOException {
        Files.deleteIfExists(into);
        String out = HostCommands.run(curl, "-s", "--max-time", "60", "-o", into.toString(), "-w",
                "%{http_code} %{time_total}", url).strip();
        String[] fields = out.split(" ");
        assertEquals("curl's status: " + out, "200", fields[0]);
        return Double.parseDouble(fields[1]);
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        return socket;
    }

    private static int maps(Path scrape) {
        try {
            String text = Files.readString(scrape);
            int count = 0;
            for (int at = text.indexOf("\nmpathbus_device_info{"); at >= 0;
                    at = text.indexOf("\nmpathbus_device_info{", at + 1)) {
                count++;
            }
            return count;
        } catch (IOException e) {
            return -1;
        }
    }
}

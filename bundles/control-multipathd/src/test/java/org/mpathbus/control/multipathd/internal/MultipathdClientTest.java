package org.mpathbus.control.multipathd.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.Test;

/** The framing and the deadlines, against a JDK Unix socket server speaking libmpathcmd's framing. */
public class MultipathdClientTest {

    @Test
    public void aCommandGoesWithItsLengthAndNulAndTheReplyComesBackWithoutIt() throws IOException {
        Path dir = Sockets.directory("frame");
        try (FakeMultipathd daemon = new FakeMultipathd(dir.resolve("s"), c -> c.equals("show maps raw format %n")
                ? "mpatha\nmpathb\n" : "fail\n")) {
            MultipathdClient client = new MultipathdClient(daemon.endpoint(), Endpoint.abstractName("/unused"));
            assertEquals("mpatha\nmpathb\n", client.send("show maps raw format %n", Deadline.after(Duration.ofSeconds(5))));
            assertEquals(List.of("show maps raw format %n"), daemon.commands());
            assertEquals(List.of(), daemon.problems());
        }
    }

    @Test
    public void theRequestIsAHostOrderSizeTThenTheTextThenNul() {
        byte[] frame = Frames.request("reconfigure");
        assertEquals(8 + 11 + 1, frame.length);
        assertArrayEquals(new byte[] {12, 0, 0, 0, 0, 0, 0, 0}, java.util.Arrays.copyOf(frame, 8));
        assertEquals(0, frame[frame.length - 1]);
    }

    @Test
    public void aLongReplyIsReadWhole() throws IOException {
        String big = "x".repeat(300_000) + "\n";
        Path dir = Sockets.directory("long");
        try (FakeMultipathd daemon = new FakeMultipathd(dir.resolve("s"), c -> big)) {
            MultipathdClient client = new MultipathdClient(daemon.endpoint(), Endpoint.abstractName("/unused"));
            assertEquals(big, client.send("show paths", Deadline.after(Duration.ofSeconds(5))));
        }
    }

    @Test
    public void theFileSocketIsUsedOnlyWhenItExists() throws IOException {
        Path dir = Sockets.directory("choice");
        Endpoint abstractName = Endpoint.abstractName("/org/mpathbus/test/" + ProcessHandle.current().pid());
        MultipathdClient client = new MultipathdClient(Endpoint.file(dir.resolve("missing").toString()), abstractName);
        assertEquals(abstractName, client.endpoint());
        try (FakeMultipathd daemon = new FakeMultipathd(dir.resolve("s"), c -> "ok\n")) {
            assertEquals(daemon.endpoint(), new MultipathdClient(daemon.endpoint(), abstractName).endpoint());
        }
    }

    @Test
    public void nobodyListeningIsUnreachableAtOnce() throws IOException {
        long start = System.nanoTime();
        MultipathdClient client = new MultipathdClient(null,
                Endpoint.abstractName("/org/mpathbus/test/nobody/" + ProcessHandle.current().pid()));
        try {
            client.send("reconfigure", Deadline.after(Duration.ofSeconds(5)));
            fail("connected to nobody");
        } catch (UnixSocket.Unreachable e) {
            assertTrue(e.getMessage(), e.getMessage().contains("ECONNREFUSED"));
        }
        assertTrue((System.nanoTime() - start) / 1_000_000 < 1000);
    }

    @Test
    public void aServerThatNeverAnswersEndsTheCallAtTheDeadline() throws IOException {
        Path dir = Sockets.directory("silent");
        try (FakeMultipathd daemon = new FakeMultipathd(dir.resolve("s"), c -> null)) {
            MultipathdClient client = new MultipathdClient(daemon.endpoint(), Endpoint.abstractName("/unused"));
            long start = System.nanoTime();
            try {
                client.send("fail path sdb", Deadline.after(Duration.ofMillis(400)));
                fail("a reply from a silent server");
            } catch (UnixSocket.NoReplyInTime e) {
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertTrue("ended after " + millis + " ms", millis >= 400 && millis < 900);
            }
        }
    }

    @Test
    public void theAbstractAddressIsANulThenTheNameWithoutATrailingNul() {
        Endpoint endpoint = Endpoint.abstractName("/org/kernel/linux/storage/multipathd");
        byte[] address = endpoint.sockaddr().getByteArray(0, 2 + 1 + 36 + 1);
        assertEquals(1, address[0]); // AF_UNIX, little-endian
        assertEquals(0, address[2]);
        assertEquals("/org/kernel/linux/storage/multipathd", new String(address, 3, 36));
        assertEquals(2 + 1 + 36, endpoint.sockaddrLength());
        assertEquals("@/org/kernel/linux/storage/multipathd", endpoint.toString());
    }
}

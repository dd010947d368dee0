package org.mpathbus.control.multipathd.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.Test;
import org.mpathbus.api.DeviceNumber;
import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.PathGroup;
import org.mpathbus.api.control.Outcome;

/** The commands sent, retries within the deadline, and "fail" told apart, against a fake multipathd. */
public class MultipathdControlTest {

    private static final org.mpathbus.api.Path SDB = org.mpathbus.api.Path.builder("sdb", DeviceNumber.parse("8:16")).build();
    private static final MultipathMap MPATHA = MultipathMap.builder("36001405aaaa", "mpatha", DeviceNumber.parse("254:0"))
            .groups(List.of(PathGroup.builder(1).paths(List.of(SDB)).build(), PathGroup.builder(2).build())).build();

    private static <T> T withDaemon(String name, Function<String, String> answer, Scenario<T> scenario) throws IOException {
        try (FakeMultipathd daemon = new FakeMultipathd(Sockets.directory(name).resolve("s"), answer)) {
            MultipathdControl control = new MultipathdControl(
                    new MultipathdClient(daemon.endpoint(), Endpoint.abstractName("/unused")), Path.of("/nonexistent"));
            return scenario.run(control, daemon);
        }
    }

    private interface Scenario<T> {
        T run(MultipathdControl control, FakeMultipathd daemon);
    }

    @Test
    public void eachOperationSendsMultipathdsCommand() throws IOException {
        withDaemon("commands", c -> "ok\n", (control, daemon) -> {
            Duration t = Duration.ofSeconds(5);
            for (Outcome outcome : List.of(control.failPath(SDB, t), control.reinstatePath(SDB, t),
                    control.removePath(SDB, t), control.addPath("sdb", t), control.flushMap(MPATHA, t),
                    control.resizeMap(MPATHA, t), control.switchGroup(MPATHA, 2, t), control.setQueueing(MPATHA, false, t),
                    control.setQueueing(MPATHA, true, t), control.reconfigure(t))) {
                assertEquals(Outcome.ok(), outcome);
            }
            assertEquals(List.of("fail path sdb", "reinstate path sdb", "del path sdb", "add path sdb", "del map mpatha",
                    "resize map mpatha", "switchgroup map mpatha group 2", "disablequeueing map mpatha",
                    "restorequeueing map mpatha", "reconfigure"), daemon.commands());
            return null;
        });
    }

    @Test
    public void timeoutTwiceThenOkIsRetriedAndOk() throws IOException {
        AtomicInteger resizes = new AtomicInteger();
        withDaemon("retry", c -> resizes.incrementAndGet() <= 2 ? "timeout\n" : "ok\n", (control, daemon) -> {
            assertEquals(Outcome.ok(), control.resizeMap(MPATHA, Duration.ofSeconds(5)));
            assertEquals(List.of("resize map mpatha", "resize map mpatha", "resize map mpatha"), daemon.commands());
            return null;
        });
    }

    @Test
    public void timeoutUntilTheDeadlineIsTimeoutWithinIt() throws IOException {
        withDaemon("always-timeout", c -> "timeout\n", (control, daemon) -> {
            long start = System.nanoTime();
            Outcome outcome = control.resizeMap(MPATHA, Duration.ofMillis(700));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(Outcome.Kind.TIMEOUT, outcome.kind());
            assertTrue(outcome.message(), outcome.message().startsWith("timeout"));
            assertTrue("took " + millis + " ms", millis < 900);
            assertTrue(daemon.commands().size() >= 3);
            return null;
        });
    }

    @Test
    public void aSilentMultipathdIsTimeoutWithinTheDeadline() throws IOException {
        withDaemon("stopped", c -> null, (control, daemon) -> {
            long start = System.nanoTime();
            Outcome outcome = control.failPath(SDB, Duration.ofMillis(500));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(Outcome.Kind.TIMEOUT, outcome.kind());
            assertTrue("took " + millis + " ms", millis >= 500 && millis < 1000);
            return null;
        });
    }

    @Test
    public void aBareFailOnAMapThatIsListedIsInUseAndOnOneThatIsNotIsNotFound() throws IOException {
        withDaemon("fail-map", c -> c.startsWith("show maps") ? "mpatha\n" : "fail\n", (control, daemon) -> {
            Duration t = Duration.ofSeconds(5);
            assertEquals(new Outcome(Outcome.Kind.IN_USE, "fail"), control.flushMap(MPATHA, t));
            MultipathMap gone = MultipathMap.builder("36001405bbbb", "mpathz", DeviceNumber.parse("254:9")).build();
            assertEquals(new Outcome(Outcome.Kind.NOT_FOUND, "fail"), control.flushMap(gone, t));
            assertEquals(new Outcome(Outcome.Kind.REFUSED, "fail"), control.resizeMap(MPATHA, t));
            assertEquals(List.of("del map mpatha", "show maps raw format %n", "del map mpathz", "show maps raw format %n",
                    "resize map mpatha", "show maps raw format %n"), daemon.commands());
            return null;
        });
    }

    @Test
    public void aBareFailOnAPathTellsAMissingPathApart() throws IOException {
        withDaemon("fail-path", c -> c.startsWith("show paths") ? "sdc\nsdd\n" : "fail\n", (control, daemon) -> {
            assertEquals(Outcome.Kind.NOT_FOUND, control.failPath(SDB, Duration.ofSeconds(5)).kind());
            return null;
        });
    }

    @Test
    public void multipathdsOwnRefusalsAndReasonsKeepTheirWords() throws IOException {
        withDaemon("words", c -> c.startsWith("add") ? "blacklisted\n" : "fail\nmap or partition in use\n",
                (control, daemon) -> {
                    assertEquals(new Outcome(Outcome.Kind.REFUSED, "blacklisted"), control.addPath("sdb", Duration.ofSeconds(5)));
                    assertEquals(new Outcome(Outcome.Kind.IN_USE, "fail\nmap or partition in use"),
                            control.flushMap(MPATHA, Duration.ofSeconds(5)));
                    return null;
                });
    }

    @Test
    public void badNamesAndGroupsAreRefusedWithoutAsking() throws IOException {
        withDaemon("bad", c -> "ok\n", (control, daemon) -> {
            assertEquals(Outcome.Kind.REFUSED, control.addPath("sdb; reconfigure", Duration.ofSeconds(5)).kind());
            assertEquals(Outcome.Kind.NOT_FOUND, control.switchGroup(MPATHA, 3, Duration.ofSeconds(5)).kind());
            assertEquals(List.of(), daemon.commands());
            return null;
        });
    }

    /** multipathd's parser ends a command at '!' or '#': "add path sdb!reconfigure" would be "add path sdb". */
    @Test
    public void namesItsCliWouldCutShortAreRefusedSayingWhich() throws IOException {
        withDaemon("comment", c -> "ok\n", (control, daemon) -> {
            Duration t = Duration.ofSeconds(5);
            Outcome bang = control.addPath("sdb!reconfigure", t);
            assertEquals(new Outcome(Outcome.Kind.REFUSED, "'sdb!reconfigure' cannot be sent to multipathd as a device "
                    + "name: its CLI reads '!' as the start of a comment at 3"), bang);
            Outcome hash = control.failPath(org.mpathbus.api.Path.builder("sdb#x", DeviceNumber.parse("8:16")).build(), t);
            assertEquals(Outcome.Kind.REFUSED, hash.kind());
            assertTrue(hash.message(), hash.message().contains("'sdb#x'") && hash.message().contains("'#'"));
            Outcome brace = control.flushMap(MultipathMap.builder("3600a", "mpath{a}", DeviceNumber.parse("253:0")).build(), t);
            assertTrue(brace.message(), brace.kind() == Outcome.Kind.REFUSED && brace.message().contains("'{'"));
            assertEquals(List.of(), daemon.commands());
            return null;
        });
    }

    /** The kernel's cciss!c0d0 (sysfs) is /dev/cciss/c0d0; multipathd's convert_dev reads "cciss/" back as "cciss!". */
    @Test
    public void aCcissDiskIsSentAsMultipathdReadsIt() throws IOException {
        withDaemon("cciss", c -> "ok\n", (control, daemon) -> {
            org.mpathbus.api.Path cciss = org.mpathbus.api.Path.builder("cciss!c0d0", DeviceNumber.parse("104:0")).build();
            assertEquals(Outcome.Kind.OK, control.failPath(cciss, Duration.ofSeconds(5)).kind());
            assertEquals(List.of("fail path cciss/c0d0"), daemon.commands());
            return null;
        });
    }

    @Test
    public void noMultipathdIsUnavailable() {
        MultipathdControl control = new MultipathdControl(new MultipathdClient(null,
                Endpoint.abstractName("/org/mpathbus/test/none/" + ProcessHandle.current().pid())), Path.of("/nonexistent"));
        Outcome outcome = control.reconfigure(Duration.ofSeconds(2));
        assertEquals(Outcome.Kind.UNAVAILABLE, outcome.kind());
        assertTrue(outcome.message(), outcome.message().contains("@/org/mpathbus/test/none/"));
    }
}

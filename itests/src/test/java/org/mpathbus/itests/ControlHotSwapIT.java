package org.mpathbus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.mpathbus.testing.Await;

/**
 * The write bundle hot-swapped in a running bin/mpathbusd while a client watches: dropped into deploy/ with
 * etc/ as shipped it exports nothing; enabled in etc/, its interfaces come with InterfacesAdded; replaced by a
 * newer jar they are removed and added again; taken out of deploy/, InterfacesRemoved. A reader's Get calls all
 * the while are never refused, and the daemon is never restarted. The daemon is a copy of the distribution
 * without the bundle in bundle/.
 */
public class ControlHotSwapIT {

    private static final String BUNDLE = "org.mpathbus.exporter.dbus.control";
    private static final String PATH_CONTROL = "org.mpathbus.Multipath1.PathControl";

    private Path work;
    private Path jar;
    private Path deploy;
    private ControlDaemon daemon;

    @Before
    public void daemonWithoutTheWriteBundle() throws Exception {
        Path distribution = MpathbusTestSupport.distribution();
        work = MpathbusTestSupport.emptyDirectory("control-hot-swap");
        Path home = Files.createDirectory(work.resolve("home"));
        for (String directory : List.of("bin", "conf", "bundle", "etc")) {
            Process copy = new ProcessBuilder("cp", "-a", distribution.resolve(directory).toString(), home.toString())
                    .inheritIO().start();
            assertEquals("cp -a " + directory, 0, copy.waitFor());
        }
        try (Stream<Path> bundles = Files.list(home.resolve("bundle"))) {
            jar = bundles.filter(p -> p.getFileName().toString().startsWith(BUNDLE + "-")).findFirst()
                    .orElseThrow(() -> new AssertionError(BUNDLE + " is not in " + distribution.resolve("bundle")));
        }
        jar = Files.move(jar, work.resolve(jar.getFileName()));
        deploy = Files.createDirectory(work.resolve("deploy"));
        daemon = ControlDaemon.start(home, work, Map.of(), "--deploy=" + deploy);
    }

    @After
    public void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    public void installUpdateAndUninstallAddAndRemoveTheInterfacesWhileReadsGoOn() throws Exception {
        String path = daemon.objects(ControlDaemon.ROOT, "Manager", "Paths").get(0);
        List<String> refusedReads = new CopyOnWriteArrayList<>();
        AtomicInteger reads = new AtomicInteger();
        AtomicLong slowest = new AtomicLong();
        AtomicBoolean reading = new AtomicBoolean(true);
        Thread reader = new Thread(() -> {
            while (reading.get()) {
                ControlDaemon.Result read = daemon.busctl("get-property", ControlDaemon.NAME, path,
                        "org.mpathbus.Multipath1.Path", "DmState");
                reads.incrementAndGet();
                slowest.accumulateAndGet(read.millis(), Math::max);
                if (read.exit() != 0) {
                    refusedReads.add(read.err());
                }
            }
        }, "reader");
        try (BusMonitor monitor = BusMonitor.start(daemon)) {
            reader.start();
            String owner = nameOwner();

            Files.copy(jar, deploy.resolve(jar.getFileName()));
            daemon.process().awaitOutput("the bundle installed from deploy/, writes disabled as shipped",
                    output -> output.contains("writes disabled (org.mpathbus.exporter.dbus.control.cfg)"));
            assertTrue("disabled, nothing exported", !introspect(path).contains(PATH_CONTROL));

            int enabled = monitor.mark();
            daemon.configure(ControlDaemon.CONTROL_CFG, "enabled = true\n");
            awaitSignal(monitor, enabled, "InterfacesAdded", path, "enabled in etc/");
            assertTrue(introspect(path).contains(PATH_CONTROL));
            failAndReinstate(path);

            int updated = monitor.mark();
            Path deployed = Files.copy(jar, deploy.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            Files.setLastModifiedTime(deployed, FileTime.from(Instant.now().plusSeconds(5)));
            awaitSignal(monitor, updated, "InterfacesRemoved", path, "the old revision's interfaces removed");
            awaitSignal(monitor, updated, "InterfacesAdded", path, "the new revision's interfaces added");
            failAndReinstate(path);

            int uninstalled = monitor.mark();
            Files.delete(deployed);
            awaitSignal(monitor, uninstalled, "InterfacesRemoved", path, "uninstalled");
            assertTrue(!introspect(path).contains(PATH_CONTROL));
            ControlDaemon.Result refused = daemon.call(path, "PathControl", "Fail", "a{sv}", "0");
            assertTrue("no Fail without the bundle: " + refused.err(), refused.exit() != 0);

            assertEquals("the exporter kept its connection (nothing restarted)", owner, nameOwner());
        } finally {
            reading.set(false);
            reader.join(10_000);
        }
        assertEquals("no read refused during the swaps", List.of(), refusedReads);
        assertTrue("reads went on: " + reads.get(), reads.get() >= 10);
        System.out.printf("ControlHotSwapIT: install, update, uninstall of %s; %d reads meanwhile, none refused,"
                + " slowest %d ms%n", BUNDLE, reads.get(), slowest.get());
    }

    private void failAndReinstate(String path) {
        daemon.call(path, "PathControl", "Fail", "a{sv}", "0").ok();
        assertEquals("s \"failed\"", daemon.property(path, "Path", "DmState"));
        daemon.call(path, "PathControl", "Reinstate", "a{sv}", "0").ok();
        assertEquals("s \"active\"", daemon.property(path, "Path", "DmState"));
    }

    private String introspect(String object) {
        return daemon.busctl("introspect", "--xml-interface", ControlDaemon.NAME, object).ok().out();
    }

    /** The signal for {@code path} with PathControl among its interfaces, after {@code mark}. */
    private void awaitSignal(BusMonitor monitor, int mark, String member, String path, String what) {
        Await.until(member + " of " + PATH_CONTROL + " on " + path + " (" + what + ")", Await.DEFAULT,
                () -> monitor.since(mark, BusMonitor.signal(member, "[\"" + path + "\",")).stream()
                        .anyMatch(line -> line.contains(PATH_CONTROL)), daemon::tail);
    }

    /** The unique name that owns the daemon's name: the same while the exporter was never restarted. */
    private String nameOwner() {
        return daemon.busctl("call", "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                "GetNameOwner", "s", ControlDaemon.NAME).ok().out().strip();
    }
}

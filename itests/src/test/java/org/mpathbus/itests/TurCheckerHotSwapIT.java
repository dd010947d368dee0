package org.mpathbus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.Before;
import org.junit.Test;
import org.mpathbus.api.CheckerState;
import org.mpathbus.api.DmPathState;
import org.mpathbus.api.Path;
import org.mpathbus.api.Topology;
import org.mpathbus.api.TopologyService;
import org.mpathbus.api.event.PathCheckerStateChanged;
import org.mpathbus.api.event.PathFailed;
import org.mpathbus.api.spi.TopologyListener;
import org.mpathbus.testing.Await;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleException;
import org.osgi.framework.BundleListener;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.wiring.BundleRevision;

/**
 * Issue 4, hot swap, with the distribution's own tur checker bundle: ten times, while its paths are checked
 * every second, the bundle is updated, stopped and started, or uninstalled and installed again. Whenever it
 * is gone its paths read "unchecked" (never down, no failure event) and it holds no descriptor; whenever it
 * is back they get its verdict again. The engine and the framework are never restarted, and the JVM holds
 * no more descriptors after the ten swaps than before.
 *
 * <p>The simulated paths name the tur checker, whose device directory holds one regular file per path:
 * TEST UNIT READY on a regular file is refused (ENOTTY), so every check opens a real descriptor and ends in
 * a definite verdict, without root or SCSI disks.
 */
public class TurCheckerHotSwapIT extends MpathbusTestSupport {

    private static final String TUR = "tur";
    private static final String TUR_BUNDLE = "org.mpathbus.checker.tur";
    private static final String TUR_PID = "org.mpathbus.checker.tur";

    private static final int MAPS = 2;
    private static final int PATHS_PER_MAP = 3;
    private static final int SWAPS = 10;

    /**
     * How many more descriptors the JVM may hold after the swaps for reasons of its own (a jar the class
     * path opens lazily, a pipe of the native container). A leak of one descriptor per swap (a bundle
     * jar or a cache file) adds 10, one per path per return adds 60: both well past it.
     */
    private static final int DESCRIPTOR_TOLERANCE = 2;

    /** The ways the bundle leaves and comes back, taken in turn. */
    private enum Swap {
        UPDATE, STOP_START, UNINSTALL_INSTALL
    }

    private java.nio.file.Path devices;
    private Topology firstRound;

    @Before
    public void simulatedPathsCheckedByTurOnRegularFiles() throws Exception {
        awaitSettledEngine();
        configureAndAwait(CHECKS_PID, Map.of("polling_interval", 1));
        awaitSettledEngine();
        // The shape first, with the simulator's own checker: tur must not open /dev/<name> of this machine
        configureAndAwait(SIMULATOR_PID, Map.of("maps", MAPS, "paths_per_map", PATHS_PER_MAP, "checker", "sim"));
        Topology san = awaitSimulatedSan(MAPS, PATHS_PER_MAP);
        devices = emptyDirectory("tur-dev");
        java.nio.file.Path sysfs = emptyDirectory("tur-sysfs");
        for (Path path : san.paths().values()) {
            Files.write(devices.resolve(path.name()), new byte[4096]);
            Files.createDirectories(sysfs.resolve(path.deviceNumber().toString()));
        }
        configureAndAwait(TUR_PID, Map.of("device_directory", devices.toString(),
                "sysfs_block_directory", sysfs.toString()));
        configureAndAwait(SIMULATOR_PID, Map.of("maps", MAPS, "paths_per_map", PATHS_PER_MAP, "checker", TUR));
        firstRound = awaitTopology("every path checked by tur on its file in " + devices,
                t -> t.paths().keySet().equals(san.paths().keySet())
                        && t.paths().values().stream().allMatch(this::checkedByTur));
    }

    @Test
    public void tenSwapsTurnTurPathsUncheckedAndBackWithoutFailuresOrDescriptorLeaks() throws Exception {
        Map<String, String> verdicts = verdicts(firstRound);
        int paths = verdicts.size();
        CheckerState verdict = firstRound.paths().values().iterator().next().checkerState();
        RecordingListener listener = new RecordingListener();
        ServiceRegistration<TopologyListener> registration = register(listener);
        List<String> otherBundleEvents = new CopyOnWriteArrayList<>();
        BundleListener otherBundles = event -> {
            if (!TUR_BUNDLE.equals(event.getBundle().getSymbolicName())) {
                otherBundleEvents.add(event.getBundle().getSymbolicName() + " event " + event.getType());
            }
        };
        List<Throwable> frameworkErrors = new CopyOnWriteArrayList<>();
        FrameworkListener errors = event -> {
            if (event.getType() == FrameworkEvent.ERROR) {
                frameworkErrors.add(event.getThrowable());
            }
        };
        context().addBundleListener(otherBundles);
        context().addFrameworkListener(errors);
        try {
            Await.until("the listener's first call", () -> !listener.calls().isEmpty());
            TopologyService engine = topologyService();
            awaitTurDescriptors("one descriptor per path after the first round of checks", paths);
            int before = OpenDescriptors.count();
            List<java.nio.file.Path> openBefore = OpenDescriptors.targets();

            long started = System.nanoTime();
            Bundle tur = turBundle();
            for (int i = 0; i < SWAPS; i++) {
                Swap swap = Swap.values()[i % Swap.values().length];
                String round = "swap " + (i + 1) + " (" + swap + ")";
                tur = swap(swap, tur, round, engine);
                awaitTopology(round + ": every path with tur's verdict again",
                        t -> t.checkers().contains(TUR) && verdicts(t).equals(verdicts));
            }
            long swapMillis = (System.nanoTime() - started) / 1_000_000;

            awaitTurDescriptors("one descriptor per path after the ten swaps", paths);
            int after = OpenDescriptors.count();
            System.out.printf("TurCheckerHotSwapIT: tur's verdict %s; %d swaps of %s with %d paths in %d ms; "
                    + "open descriptors before %d, after %d%n", verdicts.values().iterator().next(), SWAPS, TUR_BUNDLE,
                    paths, swapMillis, before, after);
            List<java.nio.file.Path> openAfter = OpenDescriptors.targets();
            assertTrue("open descriptors grew from " + before + " to " + after + "; opened: "
                    + notIn(openAfter, openBefore) + "; closed: " + notIn(openBefore, openAfter),
                    after - before <= DESCRIPTOR_TOLERANCE);

            assertSame("the engine was not restarted", engine, topologyService());
            assertEquals("no other bundle changed state (no refresh, no restart)", List.of(), otherBundleEvents);
            assertEquals("framework errors", List.of(), frameworkErrors);
            long last = engine.topology().generation();
            Await.until("the listener at generation " + last, () -> listener.latest().generation() >= last);
            assertEquals("no PathFailed", List.of(), listener.events(PathFailed.class, e -> true));
            assertEquals("no checker state down or timeout", List.of(), listener.events(PathCheckerStateChanged.class,
                    e -> e.path().checkerState() == CheckerState.DOWN
                            || e.path().checkerState() == CheckerState.TIMEOUT));
            assertEquals("no snapshot with a path other than " + verdict + " or unchecked, or failed in dm",
                    List.of(), pathsEverOff(listener, verdict));
            for (String path : verdicts.keySet()) {
                assertEquals(path + ": turned unchecked once per swap", SWAPS,
                        stateChanges(listener, path, verdict, CheckerState.UNCHECKED));
                assertEquals(path + ": got tur's verdict back once per swap", SWAPS,
                        stateChanges(listener, path, CheckerState.UNCHECKED, verdict));
            }
            EventOrder.assertGapFree(listener.events());
            listener.calls().forEach(call -> EventOrder.assertDocumentedOrder(call.events()));
        } finally {
            context().removeFrameworkListener(errors);
            context().removeBundleListener(otherBundles);
            registration.unregister();
        }
    }

    /** Takes the bundle away and back in the given way; returns the bundle that is back. */
    private Bundle swap(Swap swap, Bundle tur, String round, TopologyService engine) throws BundleException {
        switch (swap) {
        case UPDATE:
            return update(tur, round, engine);
        case STOP_START:
            tur.stop();
            awaitRemoval(round, engine);
            tur.start();
            return tur;
        case UNINSTALL_INSTALL:
            String location = tur.getLocation();
            tur.uninstall();
            awaitRemoval(round, engine);
            Bundle again = context().installBundle(location);
            again.start();
            return again;
        default:
            throw new AssertionError(swap);
        }
    }

    /**
     * Bundle.update() stops the old revision and starts the new one in one call; the framework fires
     * UPDATED between the two (OSGi core, Bundle.update), synchronously to a SynchronousBundleListener on
     * the updating thread, so the removal is awaited there.
     */
    private Bundle update(Bundle tur, String round, TopologyService engine) throws BundleException {
        BundleRevision oldRevision = tur.adapt(BundleRevision.class);
        AtomicReference<String> removal = new AtomicReference<>("no UPDATED event for " + TUR_BUNDLE);
        SynchronousBundleListener betweenRevisions = event -> {
            if (event.getBundle().getBundleId() == tur.getBundleId() && event.getType() == BundleEvent.UPDATED) {
                try {
                    awaitRemoval(round, engine);
                    removal.set("");
                } catch (AssertionError e) {
                    removal.set(e.getMessage()); // the framework would only log it
                }
            }
        };
        context().addBundleListener(betweenRevisions);
        try {
            tur.update();
        } finally {
            context().removeBundleListener(betweenRevisions);
        }
        assertEquals(round + ": between the old revision's stop and the new one's start", "", removal.get());
        assertNotSame(round + ": a new revision", oldRevision, tur.adapt(BundleRevision.class));
        assertEquals(round + ": active again", Bundle.ACTIVE, tur.getState());
        return tur;
    }

    /** The bundle gone: every path unchecked, tur no longer listed, and none of tur's descriptors open. */
    private void awaitRemoval(String round, TopologyService engine) {
        Await.until(round + ": every path unchecked and no descriptor open under " + devices, Await.DEFAULT,
                () -> unchecked(engine.topology()) && OpenDescriptors.under(devices) == 0,
                () -> OpenDescriptors.under(devices) + " descriptors open; checkers " + engine.topology().checkers()
                        + "; paths " + verdicts(engine.topology()));
    }

    private void awaitTurDescriptors(String what, int count) {
        Await.until(what + " (" + count + " under " + devices + ")", Await.DEFAULT,
                () -> OpenDescriptors.under(devices) == count, () -> OpenDescriptors.under(devices) + " open");
    }

    private Bundle turBundle() {
        for (Bundle bundle : context().getBundles()) {
            if (TUR_BUNDLE.equals(bundle.getSymbolicName())) {
                assertEquals(TUR_BUNDLE + " active", Bundle.ACTIVE, bundle.getState());
                return bundle;
            }
        }
        throw new AssertionError("no bundle " + TUR_BUNDLE + " installed from " + distribution().resolve("bundle"));
    }

    /** Checked by tur through its own file: the verdict's message names the file in the device directory. */
    private boolean checkedByTur(Path path) {
        return path.checker().equals(TUR) && path.checkerState() != CheckerState.UNCHECKED
                && path.dmState() == DmPathState.ACTIVE
                && path.checkerMessage().contains(devices.resolve(path.name()).toString());
    }

    private static boolean unchecked(Topology topology) {
        return !topology.checkers().contains(TUR) && !topology.paths().isEmpty()
                && topology.paths().values().stream().allMatch(p -> p.checker().equals(TUR)
                        && p.checkerState() == CheckerState.UNCHECKED && p.dmState() == DmPathState.ACTIVE);
    }

    /** Path name to its checker state and message. */
    private static Map<String, String> verdicts(Topology topology) {
        Map<String, String> verdicts = new TreeMap<>();
        topology.paths().values().forEach(p -> verdicts.put(p.name(), p.checkerState() + ": " + p.checkerMessage()));
        return verdicts;
    }

    private static long stateChanges(RecordingListener listener, String path, CheckerState from, CheckerState to) {
        return listener.events(PathCheckerStateChanged.class, e -> e.path().name().equals(path)
                && e.previous() == from && e.path().checkerState() == to).size();
    }

    private static List<String> pathsEverOff(RecordingListener listener, CheckerState verdict) {
        List<String> off = new ArrayList<>();
        for (RecordingListener.Call call : listener.calls()) {
            call.topology().paths().values().stream()
                    .filter(p -> (p.checkerState() != verdict && p.checkerState() != CheckerState.UNCHECKED)
                            || p.dmState() != DmPathState.ACTIVE)
                    .forEach(p -> off.add("generation " + call.topology().generation() + ": " + p.name() + " "
                            + p.checkerState() + " (" + p.checkerMessage() + "), dm " + p.dmState()));
        }
        return off;
    }

    /** The targets of {@code some} beyond those of {@code others} (counted: descriptors can share a target). */
    private static List<java.nio.file.Path> notIn(List<java.nio.file.Path> some, List<java.nio.file.Path> others) {
        Map<java.nio.file.Path, Integer> remaining = new HashMap<>();
        others.forEach(target -> remaining.merge(target, 1, Integer::sum));
        List<java.nio.file.Path> extra = new ArrayList<>();
        for (java.nio.file.Path target : some) {
            if (remaining.merge(target, -1, Integer::sum) < 0) {
                extra.add(target);
            }
        }
        return extra;
    }
}

package org.mpathbus.exporter.dbus.control.internal;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.Path;
import org.mpathbus.api.PathGroup;
import org.mpathbus.api.Topology;
import org.mpathbus.api.TopologyService;
import org.mpathbus.api.event.TopologyEvent;
import org.mpathbus.exporter.dbus.spi.ExportedObjects;

/**
 * The engine and the exporter in one, for the tests: it exports whatever snapshot is {@link #publish published}
 * under the exporter's object paths (maps and paths by name), and a {@link #refresh} exports the same
 * content again as the next generation.
 */
final class FakeExport implements ExportedObjects, TopologyService {

    static final String ROOT = "/org/mpathbus/Multipath1";

    private Topology exported;
    /** The timeout of every awaitExported, in order. */
    final List<Duration> waits = new CopyOnWriteArrayList<>();
    volatile Duration refreshTakes = Duration.ZERO;
    volatile RuntimeException refreshFails;

    FakeExport(Topology initial) {
        exported = initial;
    }

    synchronized void publish(Topology next) {
        exported = next;
        notifyAll();
    }

    static String mapObject(String name) {
        return ROOT + "/maps/" + name;
    }

    static String groupObject(String map, int index) {
        return mapObject(map) + "/groups/" + index;
    }

    static String pathObject(String name) {
        return ROOT + "/paths/" + name;
    }

    @Override
    public Optional<MultipathMap> map(Topology topology, String objectPath) {
        return topology.maps().values().stream()
                .filter(m -> objectPath.equals(mapObject(m.name())) || objectPath.startsWith(mapObject(m.name()) + "/"))
                .findFirst();
    }

    @Override
    public Optional<PathGroup> group(Topology topology, String objectPath) {
        return map(topology, objectPath).flatMap(m -> m.groups().stream()
                .filter(g -> objectPath.equals(groupObject(m.name(), g.index()))).findFirst());
    }

    @Override
    public Optional<Path> path(Topology topology, String objectPath) {
        return objectPath.startsWith(ROOT + "/paths/")
                ? topology.path(objectPath.substring((ROOT + "/paths/").length())) : Optional.empty();
    }

    @Override
    public String objectPath(MultipathMap map) {
        return mapObject(map.name());
    }

    @Override
    public String objectPath(Path path) {
        return pathObject(path.name());
    }

    @Override
    public synchronized Optional<Topology> awaitExported(Predicate<Topology> effect, Duration timeout)
            throws InterruptedException {
        waits.add(timeout);
        long end = System.nanoTime() + timeout.toNanos();
        while (!effect.test(exported)) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return Optional.of(exported);
    }

    @Override
    public synchronized Topology topology() {
        return exported;
    }

    @Override
    public List<TopologyEvent> recentEvents() {
        return List.of();
    }

    @Override
    public Topology refresh() throws InterruptedException {
        Thread.sleep(refreshTakes.toMillis());
        if (refreshFails != null) {
            throw refreshFails;
        }
        Topology now = topology();
        Topology again = San.next(now, List.copyOf(now.maps().values()), now.unmappedPaths());
        publish(again);
        return again;
    }
}

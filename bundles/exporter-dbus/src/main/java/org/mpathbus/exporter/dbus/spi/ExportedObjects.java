package org.mpathbus.exporter.dbus.spi;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.Path;
import org.mpathbus.api.PathGroup;
import org.mpathbus.api.Topology;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The exporter's view of what is on the bus, registered as a service while it exports: the objects' paths for
 * the model's maps, groups and paths and back, and a wait for the exported objects to show an effect.
 */
@ProviderType
public interface ExportedObjects {

    /** The map whose object (or one of whose path group objects) is {@code objectPath}, in {@code topology}. */
    Optional<MultipathMap> map(Topology topology, String objectPath);

    /** The path group whose object is {@code objectPath}, in {@code topology}. */
    Optional<PathGroup> group(Topology topology, String objectPath);

    /** The path whose object is {@code objectPath}, in {@code topology}. */
    Optional<Path> path(Topology topology, String objectPath);

    String objectPath(MultipathMap map);

    String objectPath(Path path);

    /**
     * Waits until the objects on the bus show a snapshot for which {@code effect} holds (every signal that
     * announced it already sent), and returns that snapshot; empty when {@code timeout} passed first.
     */
    Optional<Topology> awaitExported(Predicate<Topology> effect, Duration timeout) throws InterruptedException;
}

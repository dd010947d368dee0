package org.mpathbus.exporter.dbus.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.Path;
import org.mpathbus.api.PathGroup;
import org.mpathbus.api.Topology;
import org.mpathbus.exporter.dbus.spi.ExportedObjects;

/**
 * The {@link ExportedObjects} service: object paths are turned back into the model's keys (WWID, group index,
 * kernel name) by undoing their escaping, so a lookup costs one map lookup in the snapshot; waiting for an effect
 * waits for the writer to announce a model (every signal about it queued), without polling.
 */
final class PublishedObjects implements ExportedObjects {

    private static final String MAP_PREFIX = ObjectPaths.MAPS + "/";
    private static final String PATH_PREFIX = ObjectPaths.PATHS + "/";
    private static final String GROUPS = "/groups/";

    private final BusRouter router;

    PublishedObjects(BusRouter router) {
        this.router = router;
    }

    @Override
    public Optional<MultipathMap> map(Topology topology, String objectPath) {
        if (objectPath == null || !objectPath.startsWith(MAP_PREFIX)) {
            return Optional.empty();
        }
        String rest = objectPath.substring(MAP_PREFIX.length());
        int groups = rest.indexOf(GROUPS);
        String element = groups < 0 ? rest : rest.substring(0, groups);
        String wwid = element.contains("/") ? null : ObjectPaths.unescape(element);
        if (wwid == null || (groups >= 0 && groupIndex(rest.substring(groups + GROUPS.length())) < 0)) {
            return Optional.empty();
        }
        return Optional.ofNullable(topology.maps().get(wwid));
    }

    @Override
    public Optional<PathGroup> group(Topology topology, String objectPath) {
        int groups = objectPath == null ? -1 : objectPath.lastIndexOf(GROUPS);
        if (groups < 0) {
            return Optional.empty();
        }
        int index = groupIndex(objectPath.substring(groups + GROUPS.length()));
        return map(topology, objectPath).flatMap(
                map -> map.groups().stream().filter(group -> group.index() == index).findFirst());
    }

    @Override
    public Optional<Path> path(Topology topology, String objectPath) {
        if (objectPath == null || !objectPath.startsWith(PATH_PREFIX)) {
            return Optional.empty();
        }
        String element = objectPath.substring(PATH_PREFIX.length());
        String name = element.contains("/") ? null : ObjectPaths.unescape(element);
        return name == null ? Optional.empty() : Optional.ofNullable(topology.paths().get(name));
    }

    @Override
    public String objectPath(MultipathMap map) {
        return ObjectPaths.map(map.wwid());
    }

    @Override
    public String objectPath(Path path) {
        return ObjectPaths.path(path.name());
    }

    @Override
    public Optional<Topology> awaitExported(Predicate<Topology> effect, Duration timeout) throws InterruptedException {
        ExportModel model = router.awaitAnnounced(effect, Math.max(0, timeout.toNanos()));
        return model == null ? Optional.empty() : Optional.of(model.topology());
    }

    /** The index in a group path's last element; -1 when it is none. */
    private static int groupIndex(String element) {
        if (element.isEmpty() || element.length() > 9 || !element.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Integer.parseInt(element);
    }
}

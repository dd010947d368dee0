package org.mpathbus.shell.internal;

import java.util.Collection;
import java.util.function.Function;

import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.Path;
import org.mpathbus.api.PathGroup;
import org.mpathbus.api.Topology;

/**
 * Maps and paths as JSON with the attribute names of multipathd's {@code show maps json} (major version
 * 0, minor version 1), so scripts and the lab can compare our view with multipathd's. Attributes that
 * multipathd lacks (dev_t, size_bytes, valid_paths, health, hcil, failures, chk_msg) are added under names
 * of their own.
 */
final class MultipathJson {

    static final int MAJOR_VERSION = 0;
    static final int MINOR_VERSION = 1;

    private MultipathJson() {
    }

    /** Like {@code multipathd show maps json}. */
    static String maps(Collection<MultipathMap> maps) {
        JsonWriter json = header();
        json.name("maps").beginArray();
        for (MultipathMap map : maps) {
            writeMap(json, map);
        }
        return json.endArray().endObject().toString();
    }

    /** Like {@code multipathd show map NAME json}. */
    static String map(MultipathMap map) {
        JsonWriter json = header();
        json.name("map");
        writeMap(json, map);
        return json.endObject().toString();
    }

    /** Every path, mapped or not, with the map and group it belongs to. */
    static String paths(Topology topology) {
        return paths(topology, null);
    }

    /**
     * @param blacklistedBy while multipath.conf is read, the rule that blacklists a path ("" when none), written
     *        as "blacklist"; null leaves that attribute out
     */
    static String paths(Topology topology, Function<Path, String> blacklistedBy) {
        JsonWriter json = header();
        json.name("paths").beginArray();
        for (MultipathMap map : topology.maps().values()) {
            for (Path path : map.paths()) {
                writeListedPath(json, path, map.name(), blacklistedBy);
            }
        }
        for (Path path : PathOrder.unmapped(topology)) {
            writeListedPath(json, path, "", blacklistedBy);
        }
        return json.endArray().endObject().toString();
    }

    private static JsonWriter header() {
        return new JsonWriter().beginObject().field("major_version", MAJOR_VERSION).field("minor_version", MINOR_VERSION);
    }

    private static void writeMap(JsonWriter json, MultipathMap map) {
        json.beginObject()
                .field("name", map.name())
                .field("uuid", map.wwid())
                .field("sysfs", map.kernelName())
                .field("dev_t", map.deviceNumber().toString())
                .field("queueing", map.queueing())
                .field("paths", map.pathCount())
                .field("valid_paths", map.validPathCount())
                .field("health", map.health().label())
                .field("write_prot", MultipathWords.writeProtection(map.writeProtected()))
                .field("dm_st", MultipathWords.mapState(map.dmState()))
                .field("features", MultipathWords.features(map.features()))
                .field("hwhandler", MultipathWords.hardwareHandler(map.hardwareHandler()))
                .field("vend", map.identity().vendor())
                .field("prod", map.identity().product())
                .field("rev", map.identity().revision())
                .field("size_bytes", map.sizeBytes());
        json.name("path_groups").beginArray();
        for (PathGroup group : map.groups()) {
            json.beginObject()
                    .field("selector", group.selector())
                    .field("pri", group.priority())
                    .field("dm_st", group.dmState().label())
                    .field("group", group.index());
            json.name("paths").beginArray();
            for (Path path : group.paths()) {
                json.beginObject();
                writePathFields(json, path);
                json.endObject();
            }
            json.endArray().endObject();
        }
        json.endArray().endObject();
    }

    private static void writeListedPath(JsonWriter json, Path path, String mapName,
            Function<Path, String> blacklistedBy) {
        json.beginObject().field("multipath", mapName).field("uuid", path.wwid()).field("group", path.groupIndex());
        writePathFields(json, path);
        if (blacklistedBy != null) {
            json.field("blacklist", blacklistedBy.apply(path));
        }
        json.endObject();
    }

    private static void writePathFields(JsonWriter json, Path path) {
        json.field("dev", path.name())
                .field("dev_t", path.deviceNumber().toString())
                .field("dm_st", path.dmState().label())
                .field("dev_st", MultipathWords.deviceState(path.deviceState()))
                .field("chk_st", MultipathWords.checkerState(path.checkerState()))
                .field("chk_msg", path.checkerMessage())
                .field("checker", path.checker())
                .field("pri", path.priority())
                .field("failures", path.failCount())
                .field("hcil", path.scsiAddress().toString())
                .field("host_wwnn", MultipathWords.orUndef(path.transport().hostWwnn()))
                .field("target_wwnn", MultipathWords.orUndef(path.transport().targetWwnn()))
                .field("host_wwpn", MultipathWords.orUndef(path.transport().hostWwpn()))
                .field("target_wwpn", MultipathWords.orUndef(path.transport().targetWwpn()))
                .field("host_adapter", MultipathWords.orUndef(path.transport().hostAdapter()))
                .field("lun_hex", MultipathWords.lunHex(path.scsiAddress().lun()));
    }
}

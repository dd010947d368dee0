package org.mpathbus.shell.internal;

import java.util.Collection;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import org.mpathbus.api.MapKind;
import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.NvmeController;
import org.mpathbus.api.Path;
import org.mpathbus.api.PathGroup;
import org.mpathbus.api.Topology;

/**
 * Maps and paths as JSON with the attribute names of multipathd's {@code show maps json} (major version
 * 0, minor version 1), so scripts and the lab can compare our view with multipathd's. Attributes that
 * multipathd lacks (dev_t, size_bytes, valid_paths, health, usable, hcil, failures, chk_msg) are added under names
 * of their own.
 */
final class MultipathJson {

    static final int MAJOR_VERSION = 0;
    static final int MINOR_VERSION = 1;

    private MultipathJson() {
    }

    /** Like {@code multipathd show maps json}. */
    static String maps(Collection<MultipathMap> maps) {
        JsonObject json = header();
        JsonArray all = new JsonArray();
        maps.forEach(map -> all.add(map(map, new JsonObject())));
        json.add("maps", all);
        return Json.indented(json);
    }

    /** Like {@code multipathd show map NAME json}. */
    static String map(MultipathMap map) {
        JsonObject json = header();
        json.add("map", map(map, new JsonObject()));
        return Json.indented(json);
    }

    /**
     * Every path, mapped or not, with the map and group it belongs to; while multipath.conf's blacklist applies,
     * the rule that excludes each ("" when none) as "blacklist".
     */
    static String paths(Topology topology) {
        boolean blacklist = topology.blacklistApplied();
        JsonObject json = header();
        JsonArray paths = new JsonArray();
        for (MultipathMap map : topology.maps().values()) {
            for (Path path : map.paths()) {
                paths.add(listedPath(path, map.name(), blacklist));
            }
        }
        for (Path path : PathOrder.unmapped(topology)) {
            paths.add(listedPath(path, "", blacklist));
        }
        json.add("paths", paths);
        return Json.indented(json);
    }

    private static JsonObject header() {
        JsonObject json = new JsonObject();
        json.addProperty("major_version", MAJOR_VERSION);
        json.addProperty("minor_version", MINOR_VERSION);
        return json;
    }

    private static JsonObject map(MultipathMap map, JsonObject json) {
        json.addProperty("name", map.name());
        json.addProperty("uuid", map.wwid());
        json.addProperty("sysfs", map.kernelName());
        json.addProperty("dev_t", map.deviceNumber().toString());
        json.addProperty("queueing", map.queueing());
        json.addProperty("paths", map.pathCount());
        json.addProperty("valid_paths", map.validPathCount());
        json.addProperty("health", map.health().label());
        json.addProperty("usable", map.usable());
        json.addProperty("write_prot", MultipathWords.writeProtection(map.writeProtected()));
        json.addProperty("dm_st", MultipathWords.mapState(map.dmState()));
        json.addProperty("features", MultipathWords.features(map.features()));
        json.addProperty("hwhandler", MultipathWords.hardwareHandler(map.hardwareHandler()));
        json.addProperty("vend", map.identity().vendor());
        json.addProperty("prod", map.identity().product());
        json.addProperty("rev", map.identity().revision());
        json.addProperty("size_bytes", map.sizeBytes());
        if (map.kind() == MapKind.NVME) {
            // NVMe native multipath has no multipathd words: these are the kernel's sysfs names
            json.addProperty("kind", map.kind().label());
            json.addProperty("subsystem", map.subsystem().name());
            json.addProperty("subsysnqn", map.subsystem().nqn());
            json.addProperty("iopolicy", map.subsystem().iopolicy());
        }
        JsonArray groups = new JsonArray();
        for (PathGroup group : map.groups()) {
            JsonObject groupJson = new JsonObject();
            groupJson.addProperty("selector", group.selector());
            groupJson.addProperty("pri", group.priority());
            groupJson.addProperty("dm_st", group.dmState().label());
            groupJson.addProperty("group", group.index());
            JsonArray paths = new JsonArray();
            group.paths().forEach(path -> paths.add(pathFields(path, new JsonObject())));
            groupJson.add("paths", paths);
            groups.add(groupJson);
        }
        json.add("path_groups", groups);
        return json;
    }

    private static JsonObject listedPath(Path path, String mapName, boolean blacklist) {
        JsonObject json = new JsonObject();
        json.addProperty("multipath", mapName);
        json.addProperty("uuid", path.wwid());
        json.addProperty("group", path.groupIndex());
        pathFields(path, json);
        if (blacklist) {
            json.addProperty("blacklist", path.blacklistedBy());
        }
        return json;
    }

    private static JsonObject pathFields(Path path, JsonObject json) {
        json.addProperty("dev", path.name());
        json.addProperty("dev_t", path.deviceNumber().toString());
        json.addProperty("dm_st", path.dmState().label());
        json.addProperty("dev_st", MultipathWords.deviceState(path.deviceState()));
        json.addProperty("chk_st", MultipathWords.checkerState(path.checkerState()));
        json.addProperty("chk_msg", path.checkerMessage());
        json.addProperty("checker", path.checker());
        json.addProperty("pri", path.priority());
        json.addProperty("failures", path.failCount());
        json.addProperty("hcil", path.scsiAddress().toString());
        json.addProperty("host_wwnn", MultipathWords.orUndef(path.transport().hostWwnn()));
        json.addProperty("target_wwnn", MultipathWords.orUndef(path.transport().targetWwnn()));
        json.addProperty("host_wwpn", MultipathWords.orUndef(path.transport().hostWwpn()));
        json.addProperty("target_wwpn", MultipathWords.orUndef(path.transport().targetWwpn()));
        json.addProperty("host_adapter", MultipathWords.orUndef(path.transport().hostAdapter()));
        json.addProperty("lun_hex", MultipathWords.lunHex(path.scsiAddress().lun()));
        if (!path.controller().equals(NvmeController.NONE)) {
            json.addProperty("ana_state", path.anaState().label());
            json.addProperty("ana_grpid", path.anaGroup());
            json.addProperty("controller", path.controller().name());
            json.addProperty("transport", path.controller().transport());
            json.addProperty("address", path.controller().address());
            json.addProperty("state", path.controller().state());
        }
        return json;
    }
}

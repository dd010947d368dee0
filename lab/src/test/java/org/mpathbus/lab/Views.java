package org.mpathbus.lab;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** Compares the daemon's view (its show-maps-json answer) with dmsetup's and with multipathd's. */
final class Views {

    private Views() {
    }

    /** Group letters of the dm status line in the words multipathd's JSON uses. */
    private static final Map<String, String> GROUP_STATE = Map.of("A", "active", "E", "enabled", "D", "disabled");
    private static final Map<String, String> PATH_STATE = Map.of("A", "active", "F", "failed");

    /**
     * @param withStates also compare the kernel's group and path states (only when both were read at one
     *        moment)
     */
    static void assertMatchesDm(JsonObject daemon, DmSnapshot dm, boolean withStates) {
        Map<String, JsonObject> maps = byName(daemon.getAsJsonArray("maps"));
        assertEquals("map names, daemon vs dmsetup", new TreeMap<>(dm.maps).keySet(), new TreeMap<>(maps).keySet());
        for (DmSnapshot.Map_ expected : dm.maps.values()) {
            JsonObject map = maps.get(expected.name());
            String what = "map " + expected.name() + ": ";
            assertEquals(what + "uuid (dm uuid without mpath-)", expected.uuid().replaceFirst("^mpath-", ""),
                    string(map, "uuid"));
            assertEquals(what + "dm device", expected.major() + ":" + expected.minor(), string(map, "dev_t"));
            assertEquals(what + "kernel name", "dm-" + expected.minor(), string(map, "sysfs"));
            assertEquals(what + "size", expected.sectors() * 512, map.get("size_bytes").getAsLong());
            assertEquals(what + "features", expected.features(), string(map, "features"));
            assertEquals(what + "hardware handler", expected.hwhandler(), string(map, "hwhandler"));
            JsonArray groups = map.getAsJsonArray("path_groups");
            assertEquals(what + "path groups", expected.groups().size(), groups.size());
            for (int g = 0; g < groups.size(); g++) {
                DmSnapshot.Group group = expected.groups().get(g);
                JsonObject actual = groups.get(g).getAsJsonObject();
                String where = what + "group " + (g + 1) + ": ";
                assertEquals(where + "selector", group.selector(), string(actual, "selector"));
                JsonArray paths = actual.getAsJsonArray("paths");
                List<String> devTs = new ArrayList<>();
                List<String> states = new ArrayList<>();
                for (JsonElement p : paths) {
                    devTs.add(string(p.getAsJsonObject(), "dev_t"));
                    states.add(string(p.getAsJsonObject(), "dm_st"));
                }
                assertEquals(where + "paths (maj:min)", group.paths().stream().map(DmSnapshot.PathState::devT).toList(),
                        devTs);
                if (withStates) {
                    assertEquals(where + "kernel group state", GROUP_STATE.get(group.state()), string(actual, "dm_st"));
                    assertEquals(where + "kernel path states",
                            group.paths().stream().map(p -> PATH_STATE.get(p.state())).toList(), states);
                }
            }
        }
    }

    /** Names, WWIDs, dm devices, handler, selectors, path names and maj:min agree with multipathd's JSON. */
    static void assertMatchesMultipathd(JsonObject daemon, JsonObject multipathd, boolean withStates) {
        Map<String, JsonObject> ours = byName(daemon.getAsJsonArray("maps"));
        Map<String, JsonObject> theirs = byName(multipathd.getAsJsonArray("maps"));
        assertEquals("map names, daemon vs multipathd", new TreeMap<>(theirs).keySet(), new TreeMap<>(ours).keySet());
        for (Map.Entry<String, JsonObject> entry : theirs.entrySet()) {
            JsonObject expected = entry.getValue();
            JsonObject actual = ours.get(entry.getKey());
            String what = "map " + entry.getKey() + " vs multipathd: ";
            for (String attribute : List.of("uuid", "sysfs", "hwhandler", "features", "write_prot", "dm_st", "vend",
                    "prod", "rev")) {
                assertEquals(what + attribute, string(expected, attribute), string(actual, attribute));
            }
            JsonArray expectedGroups = expected.getAsJsonArray("path_groups");
            JsonArray actualGroups = actual.getAsJsonArray("path_groups");
            assertEquals(what + "path groups", expectedGroups.size(), actualGroups.size());
            for (int g = 0; g < expectedGroups.size(); g++) {
                JsonObject eg = expectedGroups.get(g).getAsJsonObject();
                JsonObject ag = actualGroups.get(g).getAsJsonObject();
                String where = what + "group " + (g + 1) + ": ";
                assertEquals(where + "selector", string(eg, "selector"), string(ag, "selector"));
                assertEquals(where + "group", eg.get("group").getAsInt(), ag.get("group").getAsInt());
                if (withStates) {
                    assertEquals(where + "dm_st", string(eg, "dm_st"), string(ag, "dm_st"));
                }
                JsonArray ep = eg.getAsJsonArray("paths");
                JsonArray ap = ag.getAsJsonArray("paths");
                assertEquals(where + "paths", ep.size(), ap.size());
                for (int p = 0; p < ep.size(); p++) {
                    JsonObject e = ep.get(p).getAsJsonObject();
                    JsonObject a = ap.get(p).getAsJsonObject();
                    for (String attribute : withStates ? List.of("dev", "dev_t", "dm_st", "dev_st") : List.of("dev", "dev_t")) {
                        assertEquals(where + "path " + (p + 1) + " " + attribute, string(e, attribute), string(a, attribute));
                    }
                }
            }
        }
    }

    static Map<String, JsonObject> byName(JsonArray maps) {
        Map<String, JsonObject> result = new TreeMap<>();
        for (JsonElement map : maps) {
            result.put(string(map.getAsJsonObject(), "name"), map.getAsJsonObject());
        }
        return result;
    }

    static String string(JsonObject object, String attribute) {
        JsonElement value = object.get(attribute);
        assertNotNull("no attribute '" + attribute + "' in " + object, value);
        return value.getAsString();
    }

    /** Every path of every map of a show-maps-json answer. */
    static List<JsonObject> paths(JsonObject doc) {
        List<JsonObject> paths = new ArrayList<>();
        for (JsonElement map : doc.getAsJsonArray("maps")) {
            for (JsonElement group : map.getAsJsonObject().getAsJsonArray("path_groups")) {
                for (JsonElement path : group.getAsJsonObject().getAsJsonArray("paths")) {
                    paths.add(path.getAsJsonObject());
                }
            }
        }
        return paths;
    }
}

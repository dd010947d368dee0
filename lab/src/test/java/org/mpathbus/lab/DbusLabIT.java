package org.mpathbus.lab;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.BeforeClass;
import org.junit.Test;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Issue 5's lab part: the daemon on the guest's real system bus (the main suite's boot). GetManagedObjects
 * read in the same quiet moment as multipathd's show maps json, and a real path failure as a client on the
 * bus sees it (gdbus monitor).
 */
public class DbusLabIT {

    private static final String MAP = "org.mpathbus.Multipath1.Map";
    private static final String GROUP = "org.mpathbus.Multipath1.PathGroup";
    private static final String PATH = "org.mpathbus.Multipath1.Path";
    /** The daemon's checker words that have a counterpart in multipathd's chk_st. */
    private static final Map<String, String> CHECKER_WORDS = Map.of("up", "ready", "down", "faulty", "ghost", "ghost");

    private static LabRun lab;

    @BeforeClass
    public static void boot() {
        lab = KernelLab.run();
    }

    @Test
    public void getManagedObjectsOnTheSystemBusAgreesWithMultipathd() {
        Map<String, JsonObject> objects = managedObjects(lab.json("agree/managed-objects.json"));
        DmSnapshot dm = lab.dm("agree", "after-");
        Map<String, JsonObject> maps = new TreeMap<>();
        objects.forEach((path, interfaces) -> {
            if (interfaces.has(MAP)) {
                maps.put(value(interfaces.getAsJsonObject(MAP), "Name").getAsString(), interfaces.getAsJsonObject(MAP));
            }
        });
        Map<String, JsonObject> theirs = Views.byName(lab.json("agree/multipathd.json").getAsJsonArray("maps"));
        assertEquals("map names on D-Bus vs multipathd", theirs.keySet(), maps.keySet());
        int checkerStatesCompared = 0;
        List<String> priorities = new ArrayList<>();
        for (Map.Entry<String, JsonObject> entry : theirs.entrySet()) {
            JsonObject expected = entry.getValue();
            JsonObject map = maps.get(entry.getKey());
            String what = "map " + entry.getKey() + " on D-Bus vs multipathd: ";
            assertEquals(what + "WWID", Views.string(expected, "uuid"), value(map, "Wwid").getAsString());
            assertEquals(what + "dm state", Views.string(expected, "dm_st"), value(map, "DmState").getAsString());
            assertEquals(what + "hardware handler", Views.string(expected, "hwhandler"),
                    value(map, "HardwareHandler").getAsString());
            assertEquals(what + "size (dmsetup's sectors)", dm.maps.get(entry.getKey()).sectors() * 512,
                    value(map, "SizeBytes").getAsLong());
            List<JsonElement> groupObjects = value(map, "PathGroups").getAsJsonArray().asList();
            List<JsonElement> expectedGroups = expected.getAsJsonArray("path_groups").asList();
            assertEquals(what + "path groups", expectedGroups.size(), groupObjects.size());
            int pathCount = 0;
            for (int g = 0; g < expectedGroups.size(); g++) {
                JsonObject eg = expectedGroups.get(g).getAsJsonObject();
                JsonObject group = object(objects, groupObjects.get(g).getAsString(), GROUP);
                String where = what + "group " + (g + 1) + ": ";
                assertEquals(where + "index", eg.get("group").getAsInt(), value(group, "Index").getAsInt());
                assertEquals(where + "selector", Views.string(eg, "selector"), value(group, "Selector").getAsString());
                assertEquals(where + "dm state", Views.string(eg, "dm_st"), value(group, "DmState").getAsString());
                int priority = value(group, "Priority").getAsInt();
                priorities.add(entry.getKey() + "/" + (g + 1) + " ours " + priority + " multipathd " + eg.get("pri"));
                assertEquals(where + "priority", eg.get("pri").getAsInt(), priority);
                List<JsonElement> pathObjects = value(group, "Paths").getAsJsonArray().asList();
                List<JsonElement> expectedPaths = eg.getAsJsonArray("paths").asList();
                assertEquals(where + "paths", expectedPaths.size(), pathObjects.size());
                for (int p = 0; p < expectedPaths.size(); p++) {
                    JsonObject ep = expectedPaths.get(p).getAsJsonObject();
                    JsonObject path = object(objects, pathObjects.get(p).getAsString(), PATH);
                    String at = where + "path " + Views.string(ep, "dev") + ": ";
                    assertEquals(at + "name", Views.string(ep, "dev"), value(path, "Name").getAsString());
                    assertEquals(at + "dev_t", Views.string(ep, "dev_t"), devT(value(path, "DeviceNumber").getAsLong()));
                    assertEquals(at + "dm state", Views.string(ep, "dm_st"), value(path, "DmState").getAsString());
                    assertEquals(at + "device state", Views.string(ep, "dev_st"), value(path, "DeviceState").getAsString());
                    assertEquals(at + "priority", ep.get("pri").getAsInt(), value(path, "Priority").getAsInt());
                    String checkerState = CHECKER_WORDS.get(value(path, "CheckerState").getAsString());
                    if (checkerState != null) {
                        assertEquals(at + "checker state", Views.string(ep, "chk_st"), checkerState);
                        checkerStatesCompared++;
                    }
                    pathCount++;
                }
            }
            assertEquals(what + "PathCount", pathCount, value(map, "PathCount").getAsInt());
        }
        System.out.printf("[lab] GetManagedObjects vs show maps json: %d maps agree; checker states compared on "
                + "%d paths; group priorities %s%n", maps.size(), checkerStatesCompared, priorities);
        assertTrue("no path had a checker state to compare with multipathd's", checkerStatesCompared > 0);
    }

    /**
     * gdbus monitor on the system bus while the kernel failed a path: the map's PropertiesChanged with the
     * new ValidPathCount, then PathFailed naming the path with the valid path count and the engine's
     * sequence number; later PathReinstated.
     */
    @Test
    public void aRealPathFailureIsSignalledOnTheSystemBus() {
        String dev = lab.text("fail/path.txt").split(" ")[0];
        long sequence = KernelLabIT.pathEvent(lab.json("fail/daemon-events.json"), "path-failed", dev, 0)
                .get("sequence").getAsLong();
        List<String> lines = lab.lines("fail/gdbus-monitor.txt");
        Pattern failed = Pattern.compile("^(\\S+): " + Pattern.quote(MAP) + "\\.PathFailed \\(objectpath '(\\S+)', "
                + "uint32 (\\d+), uint64 (\\d+)\\)");
        int failedAt = -1;
        Matcher signal = null;
        for (int i = 0; i < lines.size() && failedAt < 0; i++) {
            Matcher m = failed.matcher(lines.get(i));
            if (m.find() && m.group(2).endsWith("/paths/" + dev)) {
                failedAt = i;
                signal = m;
            }
        }
        assertTrue("no PathFailed for " + dev + " in gdbus monitor's output:\n" + String.join("\n", lines),
                failedAt >= 0);
        String mapObject = signal.group(1);
        assertEquals("valid paths left in the map", 1, Integer.parseInt(signal.group(3)));
        assertEquals("PathFailed's seqnum is the engine's path-failed event", sequence, Long.parseLong(signal.group(4)));
        int changedAt = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith(mapObject + ": org.freedesktop.DBus.Properties.PropertiesChanged ('" + MAP + "'")
                    && line.contains("'ValidPathCount': <uint32 1>")) {
                changedAt = i;
                break;
            }
        }
        assertTrue("no PropertiesChanged of " + mapObject + " with ValidPathCount 1", changedAt >= 0);
        assertTrue("PropertiesChanged comes before the transition signal of the same update", changedAt < failedAt);
        boolean reinstated = lines.subList(failedAt, lines.size()).stream()
                .anyMatch(l -> l.startsWith(mapObject + ": " + MAP + ".PathReinstated (objectpath '")
                        && l.contains("/paths/" + dev + "'"));
        assertTrue("PathReinstated for " + dev + " after the failure", reinstated);
        System.out.printf("[lab] gdbus monitor on the system bus: %s%n", lines.get(failedAt));
    }

    /** busctl --json=short's a{oa{sa{sv}}}: object path to its interfaces. */
    private static Map<String, JsonObject> managedObjects(JsonObject reply) {
        Map<String, JsonObject> objects = new TreeMap<>();
        JsonObject data = reply.getAsJsonArray("data").get(0).getAsJsonObject();
        data.entrySet().forEach(e -> objects.put(e.getKey(), e.getValue().getAsJsonObject()));
        return objects;
    }

    private static JsonObject object(Map<String, JsonObject> objects, String path, String iface) {
        JsonObject interfaces = objects.get(path);
        assertNotNull("GetManagedObjects has no " + path, interfaces);
        assertTrue(path + " lacks " + iface, interfaces.has(iface));
        return interfaces.getAsJsonObject(iface);
    }

    /** A property's value: busctl writes each variant as {"type": ..., "data": ...}. */
    private static JsonElement value(JsonObject properties, String name) {
        JsonObject variant = properties.getAsJsonObject(name);
        assertNotNull("no property " + name + " in " + properties, variant);
        return variant.get("data");
    }

    /** glibc's makedev encoding, as stat(2) and udisks give dev_t, back to "major:minor". */
    static String devT(long devT) {
        long major = ((devT >>> 32) & 0xfffff000L) | ((devT >>> 8) & 0xfffL);
        long minor = ((devT >>> 12) & 0xffffff00L) | (devT & 0xffL);
        return major + ":" + minor;
    }
}

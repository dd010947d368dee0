package org.mpathbus.lab;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.BeforeClass;
import org.junit.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Issue 20's lab part (src/test/guest/nvme.sh, a boot of its own): an NVMe-oF target of nvmet and nvmet-tcp on
 * loopback with two ports, the namespace in ANA group 2 on both, the host connected to both with nvme-tcp,
 * a dm-multipath scsi_debug SAN beside it, and the daemon started with --source=auto. Judged: the namespace is
 * one map with two paths on the guest's system bus, beside the dm map; after each ANA change in configfs and
 * after a port was taken away the daemon's objects agree with sysfs and with nvme list-subsys; and each change
 * was signalled (PropertiesChanged of the path, PathFailed where the path became unusable) within a second of
 * the configfs write, on the guest's one clock.
 */
public class NvmeLabIT {

    private static final String BUS = "org.mpathbus.Multipath1";
    private static final String MAP = BUS + ".Map";
    private static final String PATH = BUS + ".Path";
    private static final String PATHS = "/org/mpathbus/Multipath1/paths/";
    private static final List<String> CHANGES = List.of("port1-non-optimized", "port1-inaccessible",
            "port1-optimized", "port2-inaccessible", "port2-non-optimized", "port2-removed");
    private static final double SIGNAL_WITHIN_SECONDS = 1.0;

    private static LabRun lab;

    @BeforeClass
    public static void boot() {
        lab = NvmeLab.run();
    }

    @Test
    public void theGuestKernelRunsNvmeNativeMultipath() {
        assertEquals("Y", lab.text("nvme-core-multipath.txt").strip());
    }

    @Test
    public void theNamespaceIsOneMapWithTwoPathsBesideTheDmMap() {
        Map<String, JsonObject> objects = managedObjects(lab.json("initial/managed-objects.json"));
        Map<String, JsonObject> maps = interfaces(objects, MAP);
        assertEquals("maps on the bus: " + maps.keySet(), 2, maps.size());
        JsonObject nvme = onlyMapOfKind(maps, "nvme");
        JsonObject dm = onlyMapOfKind(maps, "dm-multipath");
        assertEquals(2, value(dm, "PathCount").getAsInt());
        assertEquals("nvme0n1", string(nvme, "Name"));
        assertEquals(2, value(nvme, "PathCount").getAsInt());
        assertEquals(2, value(nvme, "ValidPathCount").getAsInt());
        assertEquals("numa", string(nvme, "IoPolicy"));
        JsonObject subsystem = listSubsys("initial");
        assertEquals(subsystem.get("NQN").getAsString(), string(nvme, "SubsystemNqn"));
        assertEquals(subsystem.get("Name").getAsString(), string(nvme, "Subsystem"));
        Map<String, String> ana = new TreeMap<>();
        for (JsonElement path : value(nvme, "Paths").getAsJsonArray()) {
            JsonObject properties = objects.get(path.getAsString()).getAsJsonObject(PATH);
            ana.put(string(properties, "ControllerAddress").replaceAll(".*trsvcid=(\\d+).*", "$1"),
                    string(properties, "AnaState"));
            assertEquals(2, value(properties, "AnaGroup").getAsInt());
        }
        assertEquals(Map.of("4420", "optimized", "4421", "non-optimized"), ana);
        assertAgrees("initial");
    }

    @Test
    public void afterEachChangeTheBusShowsWhatSysfsAndNvmeCliShow() {
        for (String change : CHANGES) {
            assertAgrees(change);
        }
        // the port taken away: its controller keeps trying, its path stays, failed
        Map<String, JsonObject> paths = interfaces(managedObjects(lab.json("port2-removed/managed-objects.json")), PATH);
        JsonObject removed = paths.get(PATHS + change("port2-removed").get("path").getAsString());
        assertNotNull(removed);
        assertEquals("failed", string(removed, "DmState"));
        assertTrue(string(removed, "ControllerState"), !string(removed, "ControllerState").equals("live"));
    }

    @Test
    public void eachChangeIsSignalledWithinASecond() {
        List<JsonObject> bus = new ArrayList<>();
        for (String line : lab.lines("bus.jsonl")) {
            bus.add(JsonParser.parseString(line).getAsJsonObject());
        }
        List<String> figures = new ArrayList<>();
        List<String> late = new ArrayList<>();
        for (String name : CHANGES) {
            JsonObject change = change(name);
            double t = change.get("t").getAsDouble();
            String object = PATHS + change.get("path").getAsString();
            String property = change.get("property").getAsString();
            String expected = change.get("value").getAsString();
            Double signalled = null;
            Double failed = null;
            for (JsonObject message : bus) {
                double at = message.get("t").getAsDouble();
                if (at < t || !"signal".equals(stringOrEmpty(message, "type"))) {
                    continue;
                }
                if (signalled == null && object.equals(stringOrEmpty(message, "path"))
                        && "PropertiesChanged".equals(stringOrEmpty(message, "member"))
                        && changed(message, property, expected)) {
                    signalled = at;
                }
                if (failed == null && "PathFailed".equals(stringOrEmpty(message, "member"))
                        && message.get("args").toString().contains(object)) {
                    failed = at;
                }
            }
            assertNotNull(name + ": no PropertiesChanged of " + object + " with " + property + " " + expected,
                    signalled);
            boolean unusable = expected.equals("inaccessible") || expected.equals("failed");
            if (unusable) {
                assertNotNull(name + ": no PathFailed for " + object, failed);
            }
            double latency = signalled - t;
            figures.add(String.format("%s %.0f ms%s", name, latency * 1000,
                    failed != null && unusable ? String.format(" (PathFailed %.0f ms)", (failed - t) * 1000) : ""));
            if (latency > SIGNAL_WITHIN_SECONDS) {
                late.add(name);
            }
        }
        System.out.println("[lab] configfs change to PropertiesChanged on the system bus: " + String.join(", ", figures));
        assertEquals("changes signalled later than " + SIGNAL_WITHIN_SECONDS + " s: " + figures, List.of(), late);
    }

    @Test
    public void setIoPolicyOnTheBusChangesTheKernelsIopolicy() {
        assertEquals("()", lab.text("iopolicy/round-robin.reply").strip());
        assertEquals("round-robin", lab.text("iopolicy/round-robin.sysfs").strip());
        assertEquals("s \"round-robin\"", lab.text("iopolicy/round-robin.bus").strip());
        String refused = lab.text("iopolicy/fastest.reply");
        assertTrue(refused, refused.contains("org.freedesktop.DBus.Error.InvalidArgs"));
        assertTrue(refused, refused.contains("iopolicy must be one of [numa, round-robin, queue-depth], not fastest"));
        assertEquals("round-robin", lab.text("iopolicy/fastest.sysfs").strip());
    }

    @Test
    public void theNvmeSourceIsABundleThatComesAndGoesBesideTheDmMap() {
        assertTrue("the NVMe map left the bus with its bundle" + lab.errorsText(), lab.stepReached("nvme-bundle-stopped"));
        assertTrue("the NVMe map came back with its bundle" + lab.errorsText(), lab.stepReached("nvme-bundle-started"));
        Map<String, JsonObject> maps = interfaces(managedObjects(lab.json("restarted/managed-objects.json")), MAP);
        onlyMapOfKind(maps, "dm-multipath");
        assertEquals(2, value(onlyMapOfKind(maps, "nvme"), "PathCount").getAsInt());
        assertAgrees("restarted");
    }

    /** Each NVMe path on the bus against sysfs (ana_state, ana_grpid, controller state) and nvme list-subsys. */
    private static void assertAgrees(String dir) {
        Map<String, JsonObject> paths = interfaces(managedObjects(lab.json(dir + "/managed-objects.json")), PATH);
        Map<String, String[]> sysfs = new HashMap<>();
        for (String line : lab.lines(dir + "/sysfs.txt")) {
            String[] words = line.split(" ");
            sysfs.put(words[0], words);
        }
        assertEquals(dir + ": the paths sysfs lists", 2, sysfs.size());
        Map<String, JsonObject> cli = new HashMap<>();
        for (JsonElement path : listSubsys(dir).getAsJsonArray("Paths")) {
            cli.put(path.getAsJsonObject().get("Name").getAsString(), path.getAsJsonObject());
        }
        for (String[] kernel : sysfs.values()) {
            JsonObject bus = paths.get(PATHS + kernel[0]);
            assertNotNull(dir + ": no path object for " + kernel[0], bus);
            String where = dir + " " + kernel[0] + ": ";
            assertEquals(where + "AnaState", kernel[1], string(bus, "AnaState"));
            assertEquals(where + "AnaGroup", Integer.parseInt(kernel[2]), value(bus, "AnaGroup").getAsInt());
            assertEquals(where + "ControllerState", kernel[3], string(bus, "ControllerState"));
            boolean usable = kernel[3].equals("live") && (kernel[1].equals("optimized") || kernel[1].equals("non-optimized"));
            assertEquals(where + "DmState", usable ? "active" : "failed", string(bus, "DmState"));
            JsonObject controller = cli.get(string(bus, "Controller"));
            assertNotNull(where + "nvme list-subsys has no controller " + string(bus, "Controller") + ": " + cli.keySet(),
                    controller);
            assertEquals(where + "transport", controller.get("Transport").getAsString(), string(bus, "ControllerTransport"));
            assertEquals(where + "address", controller.get("Address").getAsString(), string(bus, "ControllerAddress"));
            assertEquals(where + "state", controller.get("State").getAsString(), string(bus, "ControllerState"));
            if (controller.has("ANAState")) {
                assertEquals(where + "nvme-cli's ANA state", controller.get("ANAState").getAsString(),
                        string(bus, "AnaState"));
            }
        }
    }

    /** nvme list-subsys -o json /dev/nvme0n1: the one subsystem. */
    private static JsonObject listSubsys(String dir) {
        JsonElement doc = JsonParser.parseString(lab.text(dir + "/list-subsys.json"));
        JsonObject host = doc.isJsonArray() ? doc.getAsJsonArray().get(0).getAsJsonObject() : doc.getAsJsonObject();
        JsonArray subsystems = host.getAsJsonArray("Subsystems");
        assertEquals(dir + ": subsystems nvme list-subsys shows", 1, subsystems.size());
        return subsystems.get(0).getAsJsonObject();
    }

    private static JsonObject change(String name) {
        for (String line : lab.lines("changes.jsonl")) {
            JsonObject change = JsonParser.parseString(line).getAsJsonObject();
            if (change.get("name").getAsString().equals(name)) {
                return change;
            }
        }
        throw new AssertionError("the guest made no change " + name + lab.errorsText());
    }

    /** PropertiesChanged(s interface, a{sv} changed, as invalidated) carrying PROPERTY = VALUE. */
    private static boolean changed(JsonObject message, String property, String value) {
        JsonArray args = message.getAsJsonArray("args");
        if (args == null || args.size() < 2 || !args.get(1).isJsonObject()) {
            return false;
        }
        JsonElement changed = args.get(1).getAsJsonObject().get(property);
        return changed != null && changed.isJsonPrimitive() && changed.getAsString().equals(value);
    }

    private static JsonObject onlyMapOfKind(Map<String, JsonObject> maps, String kind) {
        List<JsonObject> found = new ArrayList<>();
        maps.values().stream().filter(map -> string(map, "Kind").equals(kind)).forEach(found::add);
        assertEquals("maps of kind " + kind, 1, found.size());
        return found.get(0);
    }

    /** busctl --json=short's a{oa{sa{sv}}}: object path to its interfaces. */
    private static Map<String, JsonObject> managedObjects(JsonObject reply) {
        Map<String, JsonObject> objects = new TreeMap<>();
        JsonObject data = reply.getAsJsonArray("data").get(0).getAsJsonObject();
        data.entrySet().forEach(e -> objects.put(e.getKey(), e.getValue().getAsJsonObject()));
        return objects;
    }

    /** The objects that have {@code iface}, each with that interface's properties. */
    private static Map<String, JsonObject> interfaces(Map<String, JsonObject> objects, String iface) {
        Map<String, JsonObject> found = new TreeMap<>();
        objects.forEach((path, interfaces) -> {
            if (interfaces.has(iface)) {
                found.put(path, interfaces.getAsJsonObject(iface));
            }
        });
        return found;
    }

    private static JsonElement value(JsonObject properties, String name) {
        JsonObject variant = properties.getAsJsonObject(name);
        assertNotNull("no property " + name + " in " + properties, variant);
        return variant.get("data");
    }

    private static String string(JsonObject properties, String name) {
        return value(properties, name).getAsString();
    }

    private static String stringOrEmpty(JsonObject message, String key) {
        JsonElement element = message.get(key);
        return element == null || element.isJsonNull() ? "" : element.getAsString();
    }
}

package org.mpathbus.lab;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.BeforeClass;
import org.junit.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The kernel lab's verdicts: the real daemon (distribution/target/mpathbus, --source=auto) in a
 * real kernel with scsi_debug LUNs behind dm-multipath, compared with dmsetup and multipathd in the same
 * guest.
 */
public class KernelLabIT {

    private static LabRun lab;

    @BeforeClass
    public static void boot() {
        lab = KernelLab.run();
    }

    @Test
    public void theGuestSuiteRanEveryStepWithoutAFailedWait() {
        assertEquals("", lab.errorsText());
    }

    @Test
    public void onAMachineWithDeviceMapperTheDaemonPicksTheDevmapperSourceByItself() {
        String log = lab.text("daemon.out");
        assertTrue("mpathbusd --source=auto chose: " + log.lines().filter(l -> l.contains("source")).findFirst().orElse(log),
                log.contains("mpathbusd: source devmapper (auto:"));
    }

    @Test
    public void twoLunsThroughTwoHostsWithAluaAgreeWithDmsetupAndMultipathd() {
        JsonObject daemon = lab.json("agree/daemon.json");
        DmSnapshot dm = lab.dm("agree", "after-");
        assertEquals("the kernel changed while the views were read", lab.text("agree/before-dmsetup-status.txt"),
                lab.text("agree/after-dmsetup-status.txt"));
        assertEquals(2, dm.maps.size());
        for (DmSnapshot.Map_ map : dm.maps.values()) {
            assertEquals("1 alua", map.hwhandler());
            assertEquals(2, map.groups().size());
        }
        Views.assertMatchesDm(daemon, dm, true);
        Views.assertMatchesMultipathd(daemon, lab.json("agree/multipathd.json"), true);
    }

    /**
     * Priorities as multipathd's prioritizer gives them (detect_prio: sysfs, from the ALUA state
     * scsi_dh_alua shows) and as path_group_prio_update derives a group's: ours come from the same sysfs
     * attributes, compared path by path and group by group in the same quiet moment.
     */
    @Test
    public void pathAndGroupPrioritiesAgreeWithMultipathds() {
        Map<String, String> alua = new TreeMap<>();
        for (String line : lab.lines("agree/alua.txt")) {
            String[] words = line.trim().split(" ");
            alua.put(words[0], words[1] + (words[2].equals("1") ? " preferred" : ""));
        }
        List<String> compared = assertPrioritiesMatch(lab.json("agree/daemon.json"), lab.json("agree/multipathd.json"),
                alua);
        System.out.printf("[lab] priorities (multipathd's prioritizer: %s): %s%n",
                String.join("; ", lab.lines("agree/multipath-prio.txt")), compared);
        assertTrue("no path showed an ALUA state in sysfs: " + alua,
                alua.values().stream().anyMatch(state -> state.startsWith("active/")));
    }

    /** A group whose only path the kernel failed has priority 0 (no usable path); the path keeps its own. */
    @Test
    public void aGroupWithoutAUsablePathHasPriorityZeroAsInMultipathd() {
        List<String> compared = assertPrioritiesMatch(lab.json("fail/daemon-failed.json"),
                lab.json("fail/multipathd-failed.json"), Map.of());
        System.out.printf("[lab] priorities with %s failed: %s%n", lab.text("fail/path.txt").split(" ")[0], compared);
        assertTrue("no group at priority 0: " + compared, compared.stream().anyMatch(c -> c.endsWith("multipathd 0")));
    }

    /** Path and group priorities of two show-maps-json answers, ours and multipathd's, must be equal. */
    private static List<String> assertPrioritiesMatch(JsonObject daemon, JsonObject multipathd, Map<String, String> alua) {
        Map<String, JsonObject> ours = Views.byName(daemon.getAsJsonArray("maps"));
        Map<String, JsonObject> theirs = Views.byName(multipathd.getAsJsonArray("maps"));
        assertEquals("map names, daemon vs multipathd", theirs.keySet(), ours.keySet());
        List<String> compared = new ArrayList<>();
        for (Map.Entry<String, JsonObject> entry : theirs.entrySet()) {
            JsonArray expectedGroups = entry.getValue().getAsJsonArray("path_groups");
            JsonArray actualGroups = ours.get(entry.getKey()).getAsJsonArray("path_groups");
            assertEquals(entry.getKey() + ": path groups", expectedGroups.size(), actualGroups.size());
            for (int g = 0; g < expectedGroups.size(); g++) {
                JsonObject eg = expectedGroups.get(g).getAsJsonObject();
                JsonObject ag = actualGroups.get(g).getAsJsonObject();
                String where = entry.getKey() + " group " + (g + 1);
                JsonArray ep = eg.getAsJsonArray("paths");
                JsonArray ap = ag.getAsJsonArray("paths");
                assertEquals(where + ": paths", ep.size(), ap.size());
                for (int p = 0; p < ep.size(); p++) {
                    String dev = Views.string(ep.get(p).getAsJsonObject(), "dev");
                    assertEquals(where + ": path " + (p + 1), dev, Views.string(ap.get(p).getAsJsonObject(), "dev"));
                    int expected = ep.get(p).getAsJsonObject().get("pri").getAsInt();
                    int actual = ap.get(p).getAsJsonObject().get("pri").getAsInt();
                    String state = alua.containsKey(dev) ? " (" + alua.get(dev) + ")" : "";
                    compared.add(dev + state + " ours " + actual + " multipathd " + expected);
                    assertEquals(where + ": path " + dev + state + " priority", expected, actual);
                }
                compared.add(where + " ours " + ag.get("pri") + " multipathd " + eg.get("pri"));
                assertEquals(where + ": priority", eg.get("pri").getAsInt(), ag.get("pri").getAsInt());
            }
        }
        return compared;
    }

    /** Each line: a map's object path, then busctl's typed values: s "WWID" s "NAME" u PATHS. */
    @Test
    public void theSystemBusExportsTheKernelsMaps() {
        DmSnapshot dm = lab.dm("agree", "after-");
        Set<String> exported = new TreeSet<>();
        for (String line : lab.lines("agree/dbus-maps.txt")) {
            String[] words = line.trim().split(" ");
            assertEquals("object path, Wwid, Name, PathCount as busctl prints them: " + line, 7, words.length);
            String wwid = words[2].replace("\"", "");
            String name = words[4].replace("\"", "");
            exported.add(name + " " + wwid + " " + words[6]);
        }
        Set<String> expected = new TreeSet<>();
        for (DmSnapshot.Map_ map : dm.maps.values()) {
            int paths = map.groups().stream().mapToInt(g -> g.paths().size()).sum();
            expected.add(map.name() + " " + map.uuid().replaceFirst("^mpath-", "") + " " + paths);
        }
        assertEquals("maps on D-Bus (name, WWID, path count) vs dmsetup", expected, exported);
    }

    @Test
    public void aKernelFailedPathReachesTheDaemonWithinOneSecondOfTheDmEvent() {
        String[] path = lab.text("fail/path.txt").split(" ");
        String dev = path[0];
        assertTrue("dmsetup shows " + dev + " failed", lab.text("fail/dmsetup-status-failed.txt").contains(" " + path[1] + " F "));
        JsonObject failed = pathEvent(lab.json("fail/daemon-events.json"), "path-failed", dev, 0);
        double offline = Double.parseDouble(lab.text("fail/offline-time.txt").strip());
        double dmEvent = firstDmEventAfter(lab.lines("fail/dm-events.txt"), offline);
        double latency = epochSeconds(failed) - dmEvent;
        System.out.printf("[lab] kernel-failed path %s: the engine's path-failed event %.0f ms after the dm event%n", dev,
                latency * 1000);
        assertTrue("the daemon's path-failed event came " + latency + " s after the dm event", latency <= 1.0);
        assertTrue(Views.paths(lab.json("fail/daemon-failed.json")).stream()
                .anyMatch(p -> p.get("dev").getAsString().equals(dev) && p.get("dm_st").getAsString().equals("failed")));
        pathEvent(lab.json("fail/daemon-reinstated.json"), "path-reinstated", dev, failed.get("sequence").getAsLong());
    }

    /**
     * Every path of one scsi_debug host offlined in one loop (a host port down): the kernel fails them all, and
     * the daemon reports every one (a PathFailed each on the system bus, DmState failed in GetManagedObjects, its
     * console's topology) as multipathd does afterwards; after they come back, all three agree they are active.
     */
    @Test
    public void everyPathOfOneHostFailedAtOnceIsReportedAndMultipathdAgrees() {
        Set<String> host = new TreeSet<>();
        for (String line : lab.lines("host/host-paths.txt")) {
            host.add(line.split(" ")[0]);
        }
        assertTrue("paths of the host: " + host, host.size() >= 2);
        assertHostPaths(host, "failed", "failed");
        List<String> monitor = lab.lines("host/gdbus-monitor.txt");
        for (String path : host) {
            assertEquals("PathFailed signals for " + path, 1, monitor.stream()
                    .filter(l -> l.contains("Map.PathFailed (objectpath '/org/mpathbus/Multipath1/paths/" + path + "'"))
                    .count());
            assertEquals("PathReinstated signals for " + path, 1, monitor.stream()
                    .filter(l -> l.contains("Map.PathReinstated (objectpath '/org/mpathbus/Multipath1/paths/" + path
                            + "'")).count());
        }
        assertHostPaths(host, "restored", "active");
        System.out.printf("[lab] host port down: %d paths failed at once, all reported by the daemon and"
                + " multipathd; %.2f s from offline to the kernel failing all%n", host.size(),
                Double.parseDouble(lab.text("host/failed-time.txt").strip())
                        - Double.parseDouble(lab.text("host/offline-time.txt").strip()));
    }

    /** Each of {@code paths}' DmState in a GetManagedObjects reply as busctl --json=short prints it. */
    /** The host's paths all in {@code state} in the three views the guest took when {@code named}. */
    private static void assertHostPaths(Set<String> host, String named, String state) {
        Map<String, String> expected = new TreeMap<>();
        for (String path : host) {
            expected.put(path, state);
        }
        assertEquals("DmState of the host's paths in GetManagedObjects (" + named + ")", expected,
                busStates(lab.json("host/managed-objects-" + named + ".json"), host));
        assertEquals("dm_st of the host's paths in the daemon's topology (" + named + ")", expected,
                jsonStates(lab.json("host/daemon-" + named + ".json"), host));
        assertEquals("dm_st of the host's paths in multipathd's show maps json (" + named + ")", expected,
                jsonStates(lab.json("host/multipathd-" + named + ".json"), host));
    }

    private static Map<String, String> busStates(JsonObject reply, Set<String> paths) {
        Map<String, String> states = new TreeMap<>();
        JsonObject objects = reply.getAsJsonArray("data").get(0).getAsJsonObject();
        for (Map.Entry<String, JsonElement> object : objects.entrySet()) {
            JsonObject path = object.getValue().getAsJsonObject().getAsJsonObject("org.mpathbus.Multipath1.Path");
            if (path != null) {
                String name = path.getAsJsonObject("Name").get("data").getAsString();
                if (paths.contains(name)) {
                    states.put(name, path.getAsJsonObject("DmState").get("data").getAsString());
                }
            }
        }
        return states;
    }

    /** Each of {@code paths}' dm_st in a show-maps-json document (multipathd's or the daemon's). */
    private static Map<String, String> jsonStates(JsonObject doc, Set<String> paths) {
        Map<String, String> states = new TreeMap<>();
        for (JsonObject path : Views.paths(doc)) {
            String name = path.get("dev").getAsString();
            if (paths.contains(name)) {
                states.put(name, path.get("dm_st").getAsString());
            }
        }
        return states;
    }

    @Test
    public void aDeletedPathLeavesTheMapAndComesBackAfterARescan() {
        String deleted = lab.text("changes/deleted-path.txt").split(" ")[0];
        assertFalse(Views.paths(lab.json("changes/daemon-path-deleted.json")).stream()
                .anyMatch(p -> p.get("dev").getAsString().equals(deleted)));
        Views.assertMatchesDm(lab.json("changes/daemon-path-deleted.json"), lab.dm("changes", "path-deleted-"), false);
        Views.assertMatchesDm(lab.json("changes/daemon-path-readded.json"), lab.dm("changes", "path-readded-"), false);
        assertEquals(4, Views.paths(lab.json("changes/daemon-path-readded.json")).size());
    }

    @Test
    public void aFlushedMapIsRemovedAndAppearsAgainWhenRecreated() {
        String wwid = lab.text("changes/flushed-map.txt").strip();
        boolean removed = false;
        for (JsonElement event : lab.json("changes/daemon-map-flushed.json").getAsJsonArray("events")) {
            JsonObject e = event.getAsJsonObject();
            removed |= e.get("kind").getAsString().equals("map-removed") && e.get("uuid").getAsString().equals(wwid);
        }
        assertTrue("a map-removed event for " + wwid, removed);
        Views.assertMatchesDm(lab.json("changes/daemon-map-recreated.json"), lab.dm("changes", "map-recreated-"), false);
    }

    @Test
    public void aLunAddedAtRunTimeBecomesAThirdMap() {
        JsonObject daemon = lab.json("changes/daemon-new-lun.json");
        assertEquals(3, daemon.getAsJsonArray("maps").size());
        Views.assertMatchesDm(daemon, lab.dm("changes", "new-lun-"), false);
        Views.assertMatchesMultipathd(daemon, lab.json("changes/new-lun-multipathd.json"), false);
    }

    /** The first event of that kind for that path after the given sequence number. */
    static JsonObject pathEvent(JsonObject events, String kind, String dev, long after) {
        for (JsonElement event : events.getAsJsonArray("events")) {
            JsonObject e = event.getAsJsonObject();
            if (e.get("sequence").getAsLong() > after && e.get("kind").getAsString().equals(kind)
                    && e.get("path").getAsString().equals(dev)) {
                return e;
            }
        }
        throw new AssertionError("no " + kind + " event for " + dev + " in " + events);
    }

    /** The arrival time of the first dm event at or after the given time, from the guest's DM_DEV_WAIT watcher. */
    static double firstDmEventAfter(List<String> watcherLines, double time) {
        for (String line : watcherLines) {
            String[] words = line.split(" ");
            if (words[0].equals("event") && Double.parseDouble(words[2]) >= time) {
                return Double.parseDouble(words[2]);
            }
        }
        throw new AssertionError("no dm event after " + time + " in " + watcherLines);
    }

    static double epochSeconds(JsonObject event) {
        Instant time = Instant.parse(event.get("time").getAsString());
        return time.getEpochSecond() + time.getNano() / 1e9;
    }
}

package org.mpathbus.lab;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.BeforeClass;
import org.junit.Test;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Issue 6's lab part (the main suite's boot): multipath.conf variants that multipathd was reconfigured
 * with, and what the daemon's configuration bundle (mpath:config --json --paths) concludes from the same
 * file: blacklisted paths, the paths taken into maps, each path's checker and the polling interval.
 */
public class ConfigLabIT {

    private static LabRun lab;

    @BeforeClass
    public static void boot() {
        lab = KernelLab.run();
    }

    /** A devnode and two WWIDs blacklisted, one WWID excepted. */
    @Test
    public void blacklistVariantBlacklistsAndTakesThePathsMultipathdDoes() {
        String dir = "config/blacklist";
        Map<String, JsonObject> ours = rows(dir);
        Set<String> blacklisted = new TreeSet<>();
        ours.forEach((dev, row) -> {
            if (row.get("blacklisted").getAsBoolean()) {
                blacklisted.add(dev + " " + row.get("criterion").getAsString());
            }
        });
        System.out.printf("[lab] config variant blacklist: the daemon blacklists %s; multipathd knows %s%n",
                blacklisted, multipathdPaths(dir).keySet());
        assertEquals("the lab's variant blacklists one devnode and the paths of one WWID", 3, blacklisted.size());
        assertAgree(dir, ours);
        JsonObject config = lab.json(dir + "/daemon-config.json");
        String shown = lab.text(dir + "/show-blacklist.txt");
        String effective = lab.text(dir + "/multipath-t.txt");
        for (String section : List.of("blacklist", "blacklist_exceptions")) {
            for (JsonElement e : config.getAsJsonArray(section)) {
                JsonObject rule = e.getAsJsonObject();
                if (!rule.get("builtin").getAsBoolean() && rule.has("value")) {
                    String value = rule.get("value").getAsString();
                    assertTrue(section + " rule " + value + " not in multipathd show blacklist:\n" + shown,
                            shown.contains(value));
                    assertTrue(section + " rule " + value + " not in multipath -t", effective.contains(value));
                }
            }
        }
    }

    /**
     * A device section for scsi_debug choosing directio (detect_checker no, else multipathd takes tur for
     * these ALUA paths), and polling_interval 7 in defaults.
     */
    @Test
    public void deviceSectionVariantGivesEachPathTheCheckerAndIntervalMultipathToolsGive() {
        String dir = "config/device";
        Map<String, JsonObject> ours = rows(dir);
        assertAgree(dir, ours);
        Matcher polling = Pattern.compile("(?m)^\\s*polling_interval\\s+(\\d+)").matcher(lab.text(dir + "/multipath-t.txt"));
        assertTrue("multipath -t prints polling_interval", polling.find());
        String interval = polling.group(1);
        assertEquals("the variant's polling_interval, by multipath -t", "7", interval);
        ours.forEach((dev, row) -> assertEquals(dev + ": polling_interval", interval,
                row.get("polling_interval").getAsString()));
        assertTrue("multipath -t shows the lab's scsi_debug device section", lab.text(dir + "/multipath-t.txt")
                .matches("(?s).*product \"scsi_debug\".*path_checker \"?directio.*"));
    }

    /**
     * The paths multipathd knows (not blacklisted) and takes into maps are those the daemon finds
     * not blacklisted and admitted, with the same WWID and checker.
     */
    private static void assertAgree(String dir, Map<String, JsonObject> ours) {
        Map<String, String[]> known = multipathdPaths(dir);
        Set<String> notBlacklisted = new TreeSet<>();
        Set<String> admitted = new TreeSet<>();
        ours.forEach((dev, row) -> {
            if (!row.get("blacklisted").getAsBoolean()) {
                notBlacklisted.add(dev);
                if (row.get("admitted").getAsBoolean()) {
                    admitted.add(dev);
                }
            }
        });
        assertEquals(dir + ": paths not blacklisted, daemon vs multipathd show paths", known.keySet(), notBlacklisted);
        Set<String> mapped = new TreeSet<>();
        Map<String, String> checkers = new TreeMap<>();
        for (JsonObject path : Views.paths(lab.json(dir + "/multipathd.json"))) {
            mapped.add(path.get("dev").getAsString());
            checkers.put(path.get("dev").getAsString(), path.get("checker").getAsString());
        }
        assertEquals(dir + ": paths taken into maps, daemon (admitted) vs multipathd", mapped, admitted);
        for (String dev : known.keySet()) {
            JsonObject row = ours.get(dev);
            assertEquals(dir + ": " + dev + " WWID", known.get(dev)[0], row.get("wwid").getAsString());
            assertEquals(dir + ": " + dev + " checker, daemon vs multipathd show paths", known.get(dev)[1],
                    row.get("path_checker").getAsString());
        }
        checkers.forEach((dev, checker) -> assertEquals(dir + ": " + dev + " checker vs show maps json", checker,
                ours.get(dev).get("path_checker").getAsString()));
    }

    /** mpath:config --json --paths, by dev. */
    private static Map<String, JsonObject> rows(String dir) {
        Map<String, JsonObject> rows = new TreeMap<>();
        for (JsonElement e : lab.json(dir + "/daemon-paths.json").getAsJsonArray("rows")) {
            rows.put(e.getAsJsonObject().get("dev").getAsString(), e.getAsJsonObject());
        }
        assertFalse(dir + ": the daemon listed no paths", rows.isEmpty());
        return rows;
    }

    /** multipathd show paths raw format "%d %w %c %T": dev to {wwid, checker}. */
    private static Map<String, String[]> multipathdPaths(String dir) {
        Map<String, String[]> paths = new TreeMap<>();
        for (String line : lab.lines(dir + "/show-paths.txt")) {
            String[] words = line.strip().split("\\s+");
            if (words.length >= 3) {
                paths.put(words[0], new String[] {words[1], words[2]});
            }
        }
        return paths;
    }
}

package org.mpathbus.config.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.EnumSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.mpathbus.config.BlacklistCriterion;
import org.mpathbus.config.BlacklistRule;
import org.mpathbus.config.BlacklistVerdict;
import org.mpathbus.config.EffectiveSettings;
import org.mpathbus.config.Origin;
import org.mpathbus.config.PathDescription;

/**
 * What the real multipath-tools 0.9.4 decided about real devices, captured in the kernel lab by
 * src/test/resources/capture-lab.sh: scsi_debug disks sda..sdd (two LUNs through two hosts, ALUA) and a
 * loop device seen through udev, and `multipath -d` run with each configuration of lab/blacklist and
 * lab/settings. This bundle must blacklist exactly the devices multipath blacklisted, in multipath's words,
 * naming the same kinds of exceptions multipath logged as whitelisted on the way; it must select the
 * same value, from the same section, for every setting multipath logged with its origin; and it must admit
 * the paths of exactly the maps multipath would create (find_multipaths, wwids file, lab/admission).
 */
public class LabComparisonTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void sameVerdictsAsMultipathToolsOnLabDevices() throws Exception {
        List<Map<String, String>> devices = devices();
        assertTrue("the fixture holds the scsi_debug disks and a loop device", devices.size() >= 5);
        int compared = 0;
        Path fixture = fixture().resolve("blacklist");
        try (Stream<Path> files = Files.list(fixture)) {
            for (Path conf : files.filter(p -> p.toString().endsWith(".conf")).sorted().toList()) {
                String name = conf.getFileName().toString().replace(".conf", "");
                List<String> log = Files.readAllLines(fixture.resolve(name + ".log"));
                ConfigSnapshot config = ConfigFixture.load(tmp.newFolder().toPath(), Files.readString(conf));
                for (Map<String, String> device : devices) {
                    compare(name, config, device, log);
                    compared++;
                }
            }
        }
        assertEquals(10 * devices.size(), compared);
    }

    private static final Pattern SETTING = Pattern.compile("^(\\S+): (.+?) = (.*) \\((?:setting: )?(.*)\\)$");
    private static final Map<String, String> KEYWORD = Map.of("minio", "rr_min_io_rq", "prio args", "prio_args",
            "checker timeout", "checker_timeout");
    /** multipath-tools' origin words; conf_origin also labels some built-in values it copies into its config. */
    private static final Map<String, Set<Origin>> ORIGIN = Map.of(
            "multipath internal", EnumSet.of(Origin.BUILTIN),
            "multipath.conf defaults/devices section", EnumSet.of(Origin.DEFAULTS, Origin.BUILTIN),
            "storage device configuration", EnumSet.of(Origin.DEVICES),
            "multipath.conf multipaths section", EnumSet.of(Origin.MULTIPATHS),
            "multipath.conf overrides section", EnumSet.of(Origin.OVERRIDES),
            "multipath.conf overrides protocol section", EnumSet.of(Origin.OVERRIDES));

    @Test
    public void sameSettingsAsMultipathToolsOnLabDevices() throws Exception {
        List<Map<String, String>> disks = devices().stream().filter(d -> d.get("devnode").startsWith("sd")).toList();
        Path fixture = fixture().resolve("settings");
        int compared = 0;
        try (Stream<Path> files = Files.list(fixture)) {
            for (Path conf : files.filter(p -> p.toString().endsWith(".conf")).sorted().toList()) {
                String name = conf.getFileName().toString().replace(".conf", "");
                ConfigSnapshot config = ConfigFixture.load(tmp.newFolder().toPath(), Files.readString(conf));
                Map<String, PathDescription> bySubject = new LinkedHashMap<>();
                for (Map<String, String> disk : disks) {
                    PathDescription path = describe(config, disk);
                    bySubject.put(path.devnode(), path);
                    bySubject.putIfAbsent(path.wwid(), path);
                }
                List<String> log = Files.readAllLines(fixture.resolve(name + ".log"));
                for (String line : log) {
                    Matcher m = SETTING.matcher(line);
                    if (m.matches() && m.group(2).equals("alias")) {
                        bySubject.putIfAbsent(m.group(3), bySubject.get(m.group(1)));
                    }
                }
                // a later line about the same subject and keyword revises it (features revise no_path_retry)
                Map<String, String> last = new LinkedHashMap<>();
                for (String line : log) {
                    Matcher m = SETTING.matcher(line);
                    assertTrue("not a setting line: " + line, m.matches());
                    last.put(m.group(1) + " " + m.group(2), line);
                }
                for (String line : last.values()) {
                    compared += compareSetting(name, config, bySubject, line);
                }
            }
        }
        assertTrue("compared " + compared + " settings", compared >= 150);
    }

    @Test
    public void sameMapsAsMultipathToolsWouldCreate() throws Exception {
        List<Map<String, String>> devices = devices();
        Path fixture = fixture().resolve("admission");
        int configurations = 0;
        try (Stream<Path> files = Files.list(fixture)) {
            for (Path conf : files.filter(p -> p.toString().endsWith(".conf")).sorted().toList()) {
                String name = conf.getFileName().toString().replace(".conf", "");
                Path wwidsFile = fixture.resolve(name + ".wwids");
                ConfigSnapshot config = ConfigFixture.load(tmp.newFolder().toPath(), Files.readString(conf), "",
                        Files.exists(wwidsFile) ? Files.readString(wwidsFile) : "");
                List<PathDescription> paths = devices.stream().map(d -> describe(config, d))
                        .filter(p -> !config.blacklisted(p).blacklisted()).toList();
                Set<String> ours = new TreeSet<>();
                for (PathDescription p : paths) {
                    long siblings = paths.stream().filter(o -> o.wwid().equals(p.wwid())).count();
                    if (config.admits(p, (int) siblings)) {
                        ours.add(p.wwid());
                    }
                }
                Set<String> theirs = new TreeSet<>();
                for (String line : Files.readAllLines(fixture.resolve(name + ".log"))) {
                    Matcher m = Pattern.compile("^: (?:\\S+ \\((\\S+)\\)|(\\S+)) ").matcher(line);
                    assertTrue(line, m.find());
                    theirs.add(m.group(1) != null ? m.group(1) : m.group(2));
                }
                assertEquals(name, theirs, ours);
                configurations++;
            }
        }
        assertEquals(8, configurations);
    }

    /** @return 1 when the line was compared, 0 when it is about something this bundle leaves to the device */
    private static int compareSetting(String configuration, ConfigSnapshot config,
            Map<String, PathDescription> bySubject, String line) {
        Matcher m = SETTING.matcher(line);
        assertTrue("not a setting line: " + line, m.matches());
        PathDescription path = bySubject.get(m.group(1));
        assertTrue(configuration + ": unknown subject in " + line, path != null);
        EffectiveSettings ours = config.settingsFor(path);
        String keyword = KEYWORD.getOrDefault(m.group(2), m.group(2));
        String value = m.group(3).replace("\"", "");
        String context = configuration + ": " + line;
        if (keyword.equals("alias")) {
            assertEquals(context, m.group(4).equals("default to WWID") ? "" : value, ours.alias());
            return 1;
        }
        Set<Origin> origins = m.group(4).startsWith("inherited setting from feature") ? EnumSet.allOf(Origin.class)
                : ORIGIN.get(m.group(4));
        if (origins == null || Set.of("vpd_vendor_id", "recheck_wwid").contains(keyword)) {
            return 0; // autodetected from the device, implied by the kernel, or printed as an internal number
        }
        if (keyword.equals("checker_timeout")) {
            value = value.replace(" s", "");
        }
        if (keyword.equals("no_path_retry") && value.equals("undef")) {
            value = "fail";
        }
        assertEquals(context, value, ours.value(keyword));
        assertTrue(context + ": ours from " + ours.origin(keyword), origins.contains(ours.origin(keyword)));
        return 1;
    }

    private static void compare(String configuration, ConfigSnapshot config, Map<String, String> device,
            List<String> log) {
        String dev = device.get("devnode");
        PathDescription path = describe(config, device);
        BlacklistVerdict ours = config.blacklisted(path);
        String context = configuration + ", " + dev + ": ";
        Optional<String> theirs = log.stream().filter(l -> l.startsWith(dev + ": ") && l.endsWith("blacklisted"))
                .findFirst();
        assertEquals(context + "blacklisted", theirs.isPresent(), ours.blacklisted());
        theirs.ifPresent(line -> assertEquals(context + "reason", line, ours.reason()));
        Set<BlacklistCriterion> theirExceptions = new TreeSet<>();
        log.stream().filter(l -> l.startsWith(dev + ": ") && l.endsWith("whitelisted"))
                .forEach(l -> theirExceptions.add(criterionOf(l)));
        Set<BlacklistCriterion> ourExceptions = new TreeSet<>();
        ours.exceptions().stream().map(BlacklistRule::criterion).forEach(ourExceptions::add);
        assertEquals(context + "exceptions on the way", theirExceptions, ourExceptions);
    }

    /** What multipath-tools reads of a path: sysfs vendor/model/rev trimmed, the uid_attribute's value as WWID. */
    private static PathDescription describe(ConfigSnapshot config, Map<String, String> device) {
        Set<String> properties = new TreeSet<>();
        device.keySet().stream().filter(k -> k.startsWith("udev:")).forEach(k -> properties.add(k.substring(5)));
        PathDescription bare = new PathDescription(device.get("devnode"), "", device.getOrDefault("vendor", "").strip(),
                device.getOrDefault("product", "").strip(), device.getOrDefault("revision", "").strip(),
                device.get("devnode").startsWith("sd") ? "scsi:unspec" : "undef", Optional.empty());
        String uidAttribute = config.settingsFor(bare).uidAttribute();
        String wwid = device.getOrDefault("udev:" + uidAttribute, "");
        return new PathDescription(bare.devnode(), wwid, bare.vendor(), bare.product(), bare.revision(),
                bare.protocol(), Optional.of(properties));
    }

    private static BlacklistCriterion criterionOf(String line) {
        for (BlacklistCriterion c : BlacklistCriterion.values()) {
            if (line.contains(" " + c.description() + " ")) {
                return c;
            }
        }
        throw new AssertionError("no criterion in " + line);
    }

    private static Map<String, String> facts(Path file) throws IOException {
        Map<String, String> facts = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                facts.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return facts;
    }

    private static List<Map<String, String>> devices() throws IOException, URISyntaxException {
        List<Map<String, String>> devices = new ArrayList<>();
        try (Stream<Path> files = Files.list(fixture())) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("device-")).sorted().toList()) {
                devices.add(facts(f));
            }
        }
        return devices;
    }

    private static Path fixture() throws URISyntaxException {
        return Path.of(LabComparisonTest.class.getResource("lab").toURI());
    }
}

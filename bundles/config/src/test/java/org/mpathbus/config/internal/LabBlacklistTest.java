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
import java.util.stream.Stream;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.mpathbus.config.BlacklistCriterion;
import org.mpathbus.config.BlacklistRule;
import org.mpathbus.config.BlacklistVerdict;
import org.mpathbus.config.PathDescription;

/**
 * The verdicts of the real multipath-tools 0.9.4 on real devices, captured in the kernel lab by
 * src/test/resources/capture-lab-blacklist.sh (scsi_debug disks sda..sdd seen through udev, a loop device,
 * `multipath -v4 -d` with each configuration of lab-blacklist/): for every device and configuration this
 * bundle must blacklist exactly the devices multipath blacklisted, with multipath's words, and name the
 * same kinds of exceptions that multipath logged as whitelisted on the way.
 */
public class LabBlacklistTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void sameVerdictsAsMultipathToolsOnLabDevices() throws Exception {
        Path fixture = fixture();
        List<Map<String, String>> devices = new ArrayList<>();
        try (Stream<Path> files = Files.list(fixture)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("device-")).sorted().toList()) {
                devices.add(facts(f));
            }
        }
        assertTrue("the fixture holds the scsi_debug disks and a loop device", devices.size() >= 5);
        int compared = 0;
        try (Stream<Path> files = Files.list(fixture)) {
            for (Path conf : files.filter(p -> p.toString().endsWith(".conf")).sorted().toList()) {
                String name = conf.getFileName().toString().replace(".conf", "");
                List<String> log = Files.readAllLines(fixture.resolve("multipath-" + name + ".log"));
                ConfigSnapshot config = ConfigFixture.load(tmp.newFolder().toPath(), Files.readString(conf));
                for (Map<String, String> device : devices) {
                    compare(name, config, device, log);
                    compared++;
                }
            }
        }
        assertEquals(10 * devices.size(), compared);
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

    private static Path fixture() throws URISyntaxException {
        return Path.of(LabBlacklistTest.class.getResource("lab-blacklist").toURI());
    }
}

package org.mpathbus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The distribution's etc/ documents exactly what the bundles read: for every configuration that a bundle
 * describes in its metatype, etc/PID.cfg exists and names every key with its default, and no key that
 * the bundle would ignore.
 */
public class EtcDefaultsIT {

    /** A documented key: "#key = default" (commented, so the bundle's own default rules) or "key = value". */
    private static final Pattern KEY_LINE = Pattern.compile("(?m)^#?([A-Za-z][A-Za-z0-9_.]*)[ \\t]*=[ \\t]*(.*)$");

    @Test
    public void everyConfigurablePidHasACfgNamingItsKeysAndDefaults() throws Exception {
        Path etc = MpathbusTestSupport.distribution().resolve("etc");
        Map<String, Map<String, String>> described = describedPids(MpathbusTestSupport.distributionBundles());
        assertFalse("no metatype found in the mpathbus bundles", described.isEmpty());
        List<String> problems = new ArrayList<>();
        // A description designated for several PIDs (a component's name and its package's, say) needs one file.
        for (List<String> pids : pidsByDescription(described)) {
            List<Path> files = pids.stream().map(pid -> etc.resolve(pid + ".cfg")).filter(Files::exists).toList();
            if (files.isEmpty()) {
                problems.add("no etc/ file for " + String.join(" or ", pids));
            }
            Map<String, String> read = described.get(pids.get(0));
            for (Path cfg : files) {
                problems.addAll(differences(cfg, read));
            }
        }
        assertEquals("etc/ against the bundles' metatype", List.of(), problems);
    }

    private static List<String> differences(Path cfg, Map<String, String> read) throws IOException {
        Map<String, String> documented = documentedKeys(cfg);
        if (!documented.keySet().equals(read.keySet())) {
            return List.of(cfg.getFileName() + " names " + documented.keySet() + " but the bundle reads " + read.keySet());
        }
        List<String> differences = new ArrayList<>();
        for (Map.Entry<String, String> key : read.entrySet()) {
            if (!documented.get(key.getKey()).equals(key.getValue())) {
                differences.add(cfg.getFileName() + ": " + key.getKey() + " is documented as '"
                        + documented.get(key.getKey()) + "', the bundle's default is '" + key.getValue() + "'");
            }
        }
        return differences;
    }

    /** PIDs grouped by the description they designate, in PID order. */
    private static List<List<String>> pidsByDescription(Map<String, Map<String, String>> described) {
        Map<Map<String, String>, List<String>> groups = new IdentityHashMap<>();
        for (Map.Entry<String, Map<String, String>> pid : described.entrySet()) {
            groups.computeIfAbsent(pid.getValue(), description -> new ArrayList<>()).add(pid.getKey());
        }
        return new ArrayList<>(groups.values());
    }

    @Test
    public void everyCfgBelongsToAPidSomeBundleReads() throws Exception {
        Path home = MpathbusTestSupport.distribution();
        Map<String, Map<String, String>> described = describedPids(MpathbusTestSupport.distributionBundles());
        try (var files = Files.list(home.resolve("etc"))) {
            for (Path cfg : files.toList()) {
                String pid = cfg.getFileName().toString().replaceFirst("\\.cfg$", "");
                if (pid.startsWith("org.mpathbus.")) {
                    assertTrue(cfg + " configures a PID no bundle describes", described.containsKey(pid));
                }
            }
        }
    }

    /** PID to its keys and their defaults, from every bundle's OSGI-INF/metatype. */
    private static Map<String, Map<String, String>> describedPids(List<Path> bundles) throws Exception {
        Map<String, Map<String, String>> pids = new TreeMap<>();
        for (Path bundle : bundles) {
            if (!bundle.getFileName().toString().startsWith("org.mpathbus.")) {
                continue;
            }
            try (JarFile jar = new JarFile(bundle.toFile())) {
                Enumeration<JarEntry> entries = jar.entries();
                while (entries.hasMoreElements()) {
                    JarEntry entry = entries.nextElement();
                    if (entry.getName().startsWith("OSGI-INF/metatype/") && entry.getName().endsWith(".xml")) {
                        try (InputStream xml = jar.getInputStream(entry)) {
                            pids.putAll(designatedPids(xml));
                        }
                    }
                }
            }
        }
        return pids;
    }

    private static Map<String, Map<String, String>> designatedPids(InputStream xml) throws Exception {
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml);
        Map<String, Map<String, String>> ocds = new LinkedHashMap<>();
        NodeList ocdElements = document.getElementsByTagName("OCD");
        for (int i = 0; i < ocdElements.getLength(); i++) {
            Element ocd = (Element) ocdElements.item(i);
            Map<String, String> keys = new TreeMap<>();
            NodeList ads = ocd.getElementsByTagName("AD");
            for (int j = 0; j < ads.getLength(); j++) {
                Element ad = (Element) ads.item(j);
                keys.put(ad.getAttribute("id"), ad.getAttribute("default"));
            }
            ocds.put(ocd.getAttribute("id"), keys);
        }
        Map<String, Map<String, String>> pids = new LinkedHashMap<>();
        NodeList designates = document.getElementsByTagName("Designate");
        for (int i = 0; i < designates.getLength(); i++) {
            Element designate = (Element) designates.item(i);
            Element object = (Element) designate.getElementsByTagName("Object").item(0);
            pids.put(designate.getAttribute("pid"), ocds.get(object.getAttribute("ocdref")));
        }
        return pids;
    }

    private static Map<String, String> documentedKeys(Path cfg) throws IOException {
        Map<String, String> keys = new TreeMap<>();
        Matcher matcher = KEY_LINE.matcher(Files.readString(cfg));
        while (matcher.find()) {
            keys.put(matcher.group(1), matcher.group(2).strip());
        }
        return keys;
    }
}

package org.mpathbus.config.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.mpathbus.config.BlacklistRule;
import org.mpathbus.config.ConfigProblem;
import org.mpathbus.config.DeviceEntry;
import org.mpathbus.config.MultipathEntry;
import org.mpathbus.config.internal.ConfigNode.Section;
import org.mpathbus.config.internal.ConfigNode.Statement;

/**
 * Feeds configurations to both this bundle and the real multipath-tools (`multipath -t`, which prints the
 * configuration multipathd would use) and compares: the defaults section over the built-in defaults, the
 * blacklist and its exceptions (configured and built-in rules), the devices section (built-in hardware
 * table merged with configured entries), overrides, multipaths, and the file:line of every warning
 * multipath-tools logs. Only well-formed files: for broken ones this bundle deliberately keeps the previous
 * configuration where multipath-tools carries on with part of the file. Blacklist device rules with only a
 * vendor or only a product are left out here because multipath-tools 0.9.4 prints them without their
 * closing brace (their matching is covered by BlacklistTest).
 */
public class MultipathToolsComparisonIT {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void noConfigurationFileGivesTheBuiltInConfiguration() throws Exception {
        compare(null, Map.of());
    }

    @Test
    public void defaultsSection() throws Exception {
        compare("""
                # the usual settings
                defaults {
                	polling_interval 10
                	user_friendly_names yes
                	find_multipaths greedy
                	checker_timeout 12
                	no_path_retry 7
                	failback followover
                	path_grouping_policy multibus
                	path_selector "round-robin 0"
                	features "1 queue_if_no_path"
                	rr_weight priorities
                	fast_io_fail_tmo off
                	dev_loss_tmo infinity
                	ghost_delay 0
                	path_checker directio ! a comment after a value
                	alias_prefix "my mp"
                	prio_args ""
                	max_fds 8192
                	log_checker_err once
                	marginal_pathgroups on
                	detect_checker no
                	retain_attached_hw_handler 0
                	uxsock_timeout 5000
                	find_multipaths_timeout -5
                	delay_watch_checks 3
                	san_path_err_threshold 0
                }
                """, Map.of());
    }

    @Test
    public void numbersAsMultipathToolsReadsThem() throws Exception {
        compare("""
                defaults {
                	polling_interval 007
                	max_polling_interval 0
                	no_path_retry -1
                	failback 0
                	checker_timeout 0
                	fast_io_fail_tmo 0
                	rr_min_io_rq +3
                	verbosity 9
                	find_multipaths 1
                }
                """, Map.of());
    }

    @Test
    public void maxPollingIntervalFollowsPollingInterval() throws Exception {
        compare("defaults {\n polling_interval 3\n}\n", Map.of());
        compare("defaults {\n polling_interval 3\n max_polling_interval 7\n}\n", Map.of());
    }

    @Test
    public void devicesMergeWithTheBuiltInHardwareTable() throws Exception {
        compare("""
                devices {
                	device {
                		vendor "3PARdata"
                		product "VV"
                		no_path_retry 5
                		path_checker directio
                	}
                	device {
                		vendor "MYCO"
                		product "ARR.*"
                		revision "^1"
                		path_grouping_policy group_by_prio
                		hardware_handler "1 alua"
                		product_blacklist "LUNZ"
                	}
                	device {
                		vendor "MYCO"
                		product "ARR.*"
                		revision "^1"
                		prio alua
                	}
                	device {
                		vendor "ONLYVENDOR"
                	}
                }
                """, Map.of());
    }

    @Test
    public void blacklistAndExceptions() throws Exception {
        compare("""
                blacklist {
                	devnode "^(ram|loop)[0-9]*"
                	devnode "^sd[a-c]$"
                	wwid "3600508b1001c#not-a-comment!"
                	property "^ID_ATA"
                	protocol "scsi:sas"
                	device {
                		vendor "ACME"
                		product "!^DISK"
                	}
                	device {
                		vendor "OTHER"
                		product "."
                	}
                }
                blacklist_exceptions {
                	devnode "^sdb"
                	wwid "\\!literal"
                	property "(SCSI_IDENT_|ID_WWN)"
                	device {
                		vendor ".*"
                		product "GOOD"
                	}
                }
                """, Map.of());
    }

    @Test
    public void multipathsWithQuotesAndDuplicates() throws Exception {
        compare("""
                multipaths {
                	multipath {
                		wwid 3600a0b80000b
                		alias "my""disk"
                		no_path_retry queue
                		rr_weight priorities
                	}
                	multipath {
                		wwid 3600a0b80000b
                		failback immediate
                	}
                	multipath {
                		wwid 36001405abcdef
                		alias data1
                		features "2 pg_init_retries 50"
                	}
                }
                """, Map.of());
    }

    @Test
    public void overridesAndConfigDirectoryFiles() throws Exception {
        compare("""
                defaults {
                	polling_interval 7
                }
                overrides {
                	path_checker readsector0
                	no_path_retry fail
                	protocol {
                		type "scsi:fcp"
                		fast_io_fail_tmo 4
                	}
                	protocol {
                		type "scsi:iscsi"
                		dev_loss_tmo 60
                	}
                	protocol {
                		type "scsi:fcp"
                		dev_loss_tmo infinity
                	}
                }
                """, Map.of(
                "10-site.conf", "defaults {\n\tpolling_interval 9\n}\nblacklist {\n\twwid 123\n}\n",
                "20-array.conf", "devices {\n\tdevice {\n\t\tvendor \"SITE\"\n\t\tproduct \"X\"\n\t\tfailback 30\n\t}\n}\n",
                "ignored.txt", "defaults {\n\tpolling_interval 99\n}\n"));
    }

    @Test
    public void unknownKeywordsAndSectionsAreWarnedAtTheirLines() throws Exception {
        compare("""
                defaults {
                	bogus_keyword 1
                	hardware_handler "1 alua"
                	user_friendly_names maybe
                	no_path_retry 4x
                	polling_interval 6
                }
                unknown_section {
                }
                defaults {
                	path_checker tur
                }
                devices {
                	device {
                		vendor V
                		product P
                		polling_interval 3
                	}
                }
                """, Map.of());
    }

    /**
     * Every keyword this bundle knows, written once in each section: multipath-tools and this bundle must
     * call the same ones invalid there ("invalid keyword in the ... section").
     */
    @Test
    public void keywordsAreValidInTheSameSections() throws Exception {
        StringBuilder conf = new StringBuilder();
        List<String> keywords = Keywords.all().stream().map(Keywords.Keyword::name)
                .filter(k -> !Set.of("config_dir", "bindings_file", "wwids_file", "prkeys_file", "multipath_dir").contains(k))
                .toList();
        conf.append("defaults {\n");
        keywords.forEach(k -> conf.append('\t').append(k).append(" 1\n"));
        conf.append("}\ndevices {\n\tdevice {\n");
        keywords.forEach(k -> conf.append("\t\t").append(k).append(" 1\n"));
        conf.append("\t}\n}\nmultipaths {\n\tmultipath {\n");
        keywords.stream().filter(k -> !k.equals("wwid")).forEach(k -> conf.append("\t\t").append(k).append(" 1\n"));
        conf.append("\t\twwid 1\n\t}\n}\noverrides {\n");
        keywords.forEach(k -> conf.append('\t').append(k).append(" 1\n"));
        conf.append("\tprotocol {\n");
        keywords.forEach(k -> conf.append("\t\t").append(k).append(" 1\n"));
        conf.append("\t}\n}\n");
        Path work = tmp.newFolder().toPath();
        MultipathTools.Output real = MultipathTools.showConfig(work, conf.toString(), Map.of());
        Set<String> realInvalid = new TreeSet<>();
        Matcher m = Pattern.compile("line (\\d+), invalid keyword").matcher(real.log());
        while (m.find()) {
            realInvalid.add(describe(conf.toString(), Integer.parseInt(m.group(1))));
        }
        ConfigSnapshot ours = ConfigFixture.load(tmp.newFolder().toPath(), conf.toString());
        Set<String> ourInvalid = new TreeSet<>();
        ours.warnings().stream().filter(p -> p.message().startsWith("invalid keyword"))
                .forEach(p -> ourInvalid.add(describe(conf.toString(), p.line())));
        Set<String> onlyReal = new TreeSet<>(realInvalid);
        onlyReal.removeAll(ourInvalid);
        Set<String> onlyOurs = new TreeSet<>(ourInvalid);
        onlyOurs.removeAll(realInvalid);
        assertEquals("invalid for multipath-tools only: " + onlyReal + "; invalid for this bundle only: " + onlyOurs,
                realInvalid, ourInvalid);
    }

    /** "section keyword" of a line of the generated configuration. */
    private static String describe(String conf, int line) {
        String[] lines = conf.split("\n");
        String section = "";
        for (int i = 0; i < line; i++) {
            if (lines[i].endsWith("{")) {
                section = lines[i].strip();
            }
        }
        return section + " " + lines[line - 1].strip();
    }

    private void compare(String mainConf, Map<String, String> confD) throws Exception {
        Path work = tmp.newFolder().toPath();
        MultipathTools.Output real = MultipathTools.showConfig(work, mainConf, confD);
        Path ours = tmp.newFolder().toPath();
        Path conf = ours.resolve("multipath.conf");
        Path dir = Files.createDirectories(ours.resolve("conf.d"));
        if (mainConf != null) {
            Files.writeString(conf, mainConf);
        }
        for (Map.Entry<String, String> e : confD.entrySet()) {
            Files.writeString(dir.resolve(e.getKey()), e.getValue());
        }
        ConfigSnapshot snapshot = ConfigLoader.load(new ConfigLoader.Locations(conf, dir, ours.resolve("bindings"),
                ours.resolve("wwids")));

        Printed expected = Printed.of(ConfigParser.parse(real.config(), "multipath -t", new ArrayList<>()));
        Printed actual = Printed.of(snapshot);
        String context = "configuration:\n" + mainConf + "\nmultipath-tools says:\n";
        assertEquals(context + "defaults", expected.defaults, actual.defaults);
        assertEquals(context + "blacklist", expected.blacklist, actual.blacklist);
        assertEquals(context + "blacklist_exceptions", expected.exceptions, actual.exceptions);
        assertEquals(context + "overrides", expected.overrides, actual.overrides);
        assertEquals(context + "overrides protocol", expected.protocols, actual.protocols);
        assertEquals(context + "multipaths", expected.multipaths, actual.multipaths);
        assertEquals(context + "devices", expected.devices.size(), actual.devices.size());
        for (int i = 0; i < expected.devices.size(); i++) {
            assertEquals(context + "devices entry " + i, expected.devices.get(i), actual.devices.get(i));
        }
        Set<String> realWarnings = warningLines(real.log());
        Set<String> ourWarnings = new TreeSet<>();
        for (ConfigProblem p : snapshot.warnings()) {
            ourWarnings.add(Path.of(p.file()).getFileName() + ":" + p.line());
        }
        assertTrue(context + "warnings at " + realWarnings + ", ours at " + ourWarnings + " " + snapshot.warnings(),
                ourWarnings.containsAll(realWarnings));
        Set<String> ourMessages = new TreeSet<>();
        snapshot.warnings().forEach(p -> ourMessages.add(Path.of(p.file()).getFileName() + ":" + p.line() + " " + p.message()));
        Matcher same = Pattern.compile("\\| (/etc/\\S+) line (\\d+), ((invalid value|invalid keyword in|value for).*)")
                .matcher(real.log());
        while (same.find()) {
            String expectedMessage = Path.of(same.group(1)).getFileName() + ":" + same.group(2) + " " + same.group(3);
            assertTrue(context + "the same words as multipath-tools: " + expectedMessage + " in " + ourMessages,
                    ourMessages.contains(expectedMessage));
        }
    }

    private static final Pattern WARNING = Pattern.compile("\\| (/etc/\\S+) line (\\d+), (?!invalid keyword: \\})");

    /**
     * "multipath.conf:12" for every "/etc/multipath.conf line 12, ..." multipath-tools logged, except the
     * closing brace of an unknown section: multipath-tools reads an unknown section's lines as top-level
     * keywords, where this bundle skips the section as a whole.
     */
    private static Set<String> warningLines(String log) {
        Set<String> lines = new TreeSet<>();
        Matcher m = WARNING.matcher(log);
        while (m.find()) {
            lines.add(Path.of(m.group(1)).getFileName() + ":" + m.group(2));
        }
        return lines;
    }

    /** The sections in a comparable form. */
    private static final class Printed {
        final Map<String, String> defaults = new TreeMap<>();
        final Map<String, List<String>> blacklist = new TreeMap<>();
        final Map<String, List<String>> exceptions = new TreeMap<>();
        final Map<String, String> overrides = new TreeMap<>();
        final Map<String, Map<String, String>> protocols = new TreeMap<>();
        final List<String> multipaths = new ArrayList<>();
        final List<String> devices = new ArrayList<>();

        static Printed of(List<ConfigNode> nodes) {
            Printed p = new Printed();
            for (ConfigNode node : nodes) {
                Section s = (Section) node;
                switch (s.name()) {
                    case "defaults" -> p.defaults.putAll(statements(s));
                    case "blacklist" -> rules(s, p.blacklist);
                    case "blacklist_exceptions" -> rules(s, p.exceptions);
                    case "overrides" -> {
                        p.overrides.putAll(statements(s));
                        s.children().stream().filter(Section.class::isInstance).forEach(pc -> {
                            Map<String, String> values = statements((Section) pc);
                            p.protocols.put(values.remove("type"), new TreeMap<>(values));
                        });
                    }
                    case "multipaths" -> s.children().forEach(mp -> {
                        Map<String, String> values = statements((Section) mp);
                        p.multipaths.add(values.remove("wwid") + "|" + values.getOrDefault("alias", "") + "|"
                                + without(values, "alias"));
                    });
                    case "devices" -> s.children().forEach(d -> p.devices.add(device(statements((Section) d))));
                    default -> throw new AssertionError("unexpected section in multipath -t: " + s.name());
                }
            }
            return p;
        }

        static Printed of(ConfigSnapshot c) {
            Printed p = new Printed();
            c.defaults().asMap().forEach((k, s) -> p.defaults.put(k, s.value()));
            c.blacklist().forEach(r -> add(p.blacklist, r));
            c.blacklistExceptions().forEach(r -> add(p.exceptions, r));
            p.overrides.putAll(c.overrides());
            c.protocolOverrides().forEach((type, values) -> p.protocols.put(type, new TreeMap<>(values)));
            for (MultipathEntry m : c.multipaths()) {
                p.multipaths.add(m.wwid() + "|" + m.alias() + "|" + new TreeMap<>(m.attributes()));
            }
            for (DeviceEntry d : c.devices()) {
                Map<String, String> values = new LinkedHashMap<>(d.attributes());
                values.put("vendor", d.vendor());
                values.put("product", d.product());
                if (!d.revision().isEmpty()) {
                    values.put("revision", d.revision());
                }
                p.devices.add(device(values));
            }
            return p;
        }

        private static String device(Map<String, String> values) {
            return values.get("vendor") + "|" + values.get("product") + "|" + values.getOrDefault("revision", "") + "|"
                    + without(without(without(values, "vendor"), "product"), "revision");
        }

        private static Map<String, String> without(Map<String, String> values, String key) {
            Map<String, String> copy = new TreeMap<>(values);
            copy.remove(key);
            return copy;
        }

        private static Map<String, String> statements(Section s) {
            Map<String, String> values = new LinkedHashMap<>();
            s.children().stream().filter(Statement.class::isInstance).map(Statement.class::cast)
                    .forEach(st -> values.put(st.keyword(), st.value()));
            return values;
        }

        private static void rules(Section s, Map<String, List<String>> into) {
            for (ConfigNode n : s.children()) {
                if (n instanceof Statement st) {
                    into.computeIfAbsent(st.keyword(), k -> new ArrayList<>()).add(st.value());
                } else {
                    Map<String, String> d = statements((Section) n);
                    into.computeIfAbsent("device", k -> new ArrayList<>())
                            .add(d.getOrDefault("vendor", "") + ":" + d.getOrDefault("product", ""));
                }
            }
        }

        private static void add(Map<String, List<String>> into, BlacklistRule r) {
            into.computeIfAbsent(r.criterion().keyword(), k -> new ArrayList<>()).add(r.expression());
        }
    }

}

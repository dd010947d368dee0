package org.mpathbus.config.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.mpathbus.api.DeviceNumber;
import org.mpathbus.api.Topology;
import org.mpathbus.testing.FixedTopologyService;
import org.mpathbus.config.internal.TestConfigurations;

/** mpath:config with the real multipath.conf reader on files written by the test. */
public class ConfigCommandTest {

    private static final String CONF = """
            defaults {
            	polling_interval 8
            	find_multipaths on
            }
            blacklist {
            	wwid "^3600bad"
            }
            devices {
            	device {
            		vendor "ACME"
            		product "Box"
            		no_path_retry queue
            	}
            }
            multipaths {
            	multipath {
            		wwid 3600good
            		alias db
            	}
            }
            overrides {
            	failback immediate
            }
            """;

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path conf;
    private ConfigCommand command;

    @Before
    public void configure() throws Exception {
        Path dir = tmp.getRoot().toPath();
        conf = dir.resolve("multipath.conf");
        Files.writeString(conf, CONF);
        command = new ConfigCommand(TestConfigurations.readerIn(dir));
    }

    @Test
    public void textShowsDefaultsAndRulesAsMultipathConfAndTheRestAsOneLineJson() {
        String text = command.config(false, false, false);
        assertTrue(text, text.startsWith("generation 1\nfiles      [" + conf + "]\nlast error (none)\ndefaults {\n"));
        assertTrue(text, text.contains("\tpolling_interval \"8\"\n"));
        assertTrue(text, text.contains("blacklist {\n\twwid \"^3600bad\"\t# " + conf + ":6\n"));
        assertTrue(text, text.contains("\nblacklist_exceptions {\n\tproperty \"(SCSI_IDENT_|ID_WWN)\"\t# built-in\n}\n"));
        assertTrue(text, text.contains("\ndevices (configured) [{\"vendor\":\"ACME\",\"product\":\"Box\",\"revision\":\"\","
                + "\"no_path_retry\":\"queue\",\"source\":\"" + conf + ":9\"}]\n"));
        assertTrue(text, text.endsWith("\nmultipaths [{\"wwid\":\"3600good\",\"alias\":\"db\"}]\n"
                + "overrides {\"failback\":\"immediate\"}\nbindings {}\n"));
    }

    @Test
    public void jsonUsesMultipathToolsKeywordsAndNullForNoError() {
        String json = command.config(true, false, false);
        assertTrue(json, json.startsWith("{\n   \"generation\": 1,\n   \"files\": [\n      \"" + conf + "\"\n   ],\n"
                + "   \"last_error\": null,\n   \"warnings\": [],\n   \"defaults\": {\n"));
        assertTrue(json, json.contains("\"polling_interval\": \"8\""));
        assertTrue(json, json.contains("{\n         \"type\": \"wwid\",\n         \"value\": \"^3600bad\",\n"
                + "         \"builtin\": false,\n         \"source\": \"" + conf + ":6\"\n      }"));
        assertTrue(json, json.contains("\"no_path_retry\": \"queue\""));
        assertTrue(json, json.contains("\"overrides\": {\n      \"failback\": \"immediate\"\n   },\n"
                + "   \"protocol_overrides\": {},\n   \"bindings\": {}\n}\n"));
    }

    @Test
    public void aBrokenFileOnReloadIsTheLastErrorAndThePreviousConfigurationStays() throws Exception {
        Files.writeString(conf, "defaults {\n polling_interval 9\n");
        String json = command.config(true, true, false);
        assertTrue(json, json.contains("\"last_error\": \"" + conf
                + ":1: section 'defaults' is not closed: missing '}' before the end of the file\""));
        assertTrue(json, json.contains("\"polling_interval\": \"8\""));
        String text = command.config(false, false, false);
        assertTrue(text, text.contains("\nlast error " + conf + ":1: section 'defaults' is not closed"));
        assertTrue(text, text.contains("\tpolling_interval \"8\"\n"));
    }

    @Test
    public void pathsShowTheirVerdictAliasAndSettingsInKernelOrder() {
        command.topology = new FixedTopologyService(Topology.of(1, Instant.EPOCH, "test", List.of(),
                List.of(path("sdaa", 65, 160, "3600good"), path("sdb", 8, 16, "3600good"), path("sdc", 8, 32, "3600bad1"),
                        path("sdd", 8, 48, "3600lonely")), List.of()));
        String text = command.config(false, false, true);
        assertEquals("sdb 3600good (db)\n", text.lines().findFirst().orElseThrow() + "\n");
        assertTrue(text, text.contains("\nsdc 3600bad1  BLACKLISTED wwid \"^3600bad\" (" + conf + ":6)\n"));
        assertTrue(text, text.contains("\nsdd 3600lonely  not taken (find_multipaths)\n"));
        assertTrue(text, text.contains("\nsdaa 3600good (db)\n\tpath_checker=tur polling_interval=8 "));
        assertTrue(text, text.indexOf("\nsdd ") < text.indexOf("\nsdaa "));

        String json = command.config(true, false, true);
        assertTrue(json, json.startsWith("[\n   {\n      \"dev\": \"sdb\",\n      \"wwid\": \"3600good\",\n"
                + "      \"alias\": \"db\",\n      \"blacklisted\": false,\n      \"criterion\": null,\n"
                + "      \"rule\": null,\n      \"reason\": \"sdb: not blacklisted\",\n      \"admitted\": true,\n"
                + "      \"path_checker\": \"tur\",\n      \"polling_interval\": \"8\",\n"));
        assertTrue(json, json.contains("\"dev\": \"sdc\",\n      \"wwid\": \"3600bad1\",\n      \"alias\": \"\",\n"
                + "      \"blacklisted\": true,\n      \"criterion\": \"wwid\",\n      \"rule\": \"wwid \\\"^3600bad\\\" ("
                + conf + ":6)\",\n"));
        assertTrue(json, json.contains("\"failback\": \"immediate\""));
    }

    @Test
    public void pathsWithoutTheEngineSayWhatIsMissing() {
        IllegalStateException refused = null;
        try {
            command.config(false, false, true);
        } catch (IllegalStateException e) {
            refused = e;
        }
        assertNotNull("--paths without a topology was not refused", refused);
        assertEquals("no topology: the engine (org.mpathbus.core) is not running", refused.getMessage());
    }

    @Test
    public void theCommandAndEachOptionHaveHelp() throws Exception {
        Method config = ConfigCommand.class.getMethod("config", boolean.class, boolean.class, boolean.class);
        assertNotNull("mpath:config has no @Descriptor", config.getAnnotation(Descriptor.class));
        for (Parameter option : config.getParameters()) {
            Descriptor help = option.getAnnotation(Descriptor.class);
            assertNotNull("an option of mpath:config has no @Descriptor", help);
            assertFalse(help.value().isBlank());
        }
    }

    private static org.mpathbus.api.Path path(String name, int major, int minor, String wwid) {
        return org.mpathbus.api.Path.builder(name, new DeviceNumber(major, minor)).wwid(wwid).build();
    }
}

package org.mpathbus.config.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ConfigCommandTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private MultipathConfigurationComponent component(Path root) {
        return new MultipathConfigurationComponent(new MultipathConfigurationSettings() {
            @Override public Class<? extends Annotation> annotationType() { return MultipathConfigurationSettings.class; }
            @Override public String config__file() { return root.resolve("multipath.conf").toString(); }
            @Override public String config__dir() { return root.resolve("conf.d").toString(); }
            @Override public String bindings__file() { return root.resolve("bindings").toString(); }
            @Override public String wwids__file() { return root.resolve("wwids").toString(); }
            @Override public int reload__check__interval() { return 0; }
        });
    }

    @Test
    public void jsonShowsDefaultsBlacklistFilesAndLastError() throws Exception {
        Path root = tmp.getRoot().toPath();
        Files.writeString(root.resolve("multipath.conf"), "defaults {\n polling_interval 8\n}\nblacklist {\n wwid \"^x\"\n}\n");
        MultipathConfigurationComponent c = component(root);
        ConfigCommand command = new ConfigCommand(c);
        String json = command.config(true, false, false);
        assertTrue(json, json.startsWith("{\"generation\":1,\"files\":[\"" + root.resolve("multipath.conf") + "\"],\"last_error\":null"));
        assertTrue(json, json.contains("\"polling_interval\":\"8\""));
        assertTrue(json, json.contains("{\"type\":\"wwid\",\"value\":\"^x\",\"builtin\":false,\"source\":\""
                + root.resolve("multipath.conf") + ":5\"}"));

        Files.writeString(root.resolve("multipath.conf"), "defaults {\n polling_interval 9\n");
        json = command.config(true, true, false);
        assertTrue(json, json.contains("\"last_error\":\"" + root.resolve("multipath.conf")
                + ":1: section 'defaults' is not closed: missing '}' before the end of the file\""));
        assertTrue(json, json.contains("\"polling_interval\":\"8\""));
        String text = command.config(false, false, false);
        assertTrue(text, text.contains("\tpolling_interval \"8\"\n"));
        assertTrue(text, text.contains("last error " + root.resolve("multipath.conf") + ":1: "));
        c.deactivate();
    }

    @Test
    public void pathsShowTheirBlacklistVerdictAndSettings() throws Exception {
        Path root = tmp.getRoot().toPath();
        Files.writeString(root.resolve("multipath.conf"), "blacklist {\n wwid \"^3600bad\"\n}\n");
        MultipathConfigurationComponent c = component(root);
        ConfigCommand command = new ConfigCommand(c);
        org.mpathbus.api.Path good = org.mpathbus.api.Path.builder("sdb", new org.mpathbus.api.DeviceNumber(8, 16))
                .wwid("3600good").build();
        org.mpathbus.api.Path bad = org.mpathbus.api.Path.builder("sdc", new org.mpathbus.api.DeviceNumber(8, 32))
                .wwid("3600bad1").build();
        org.mpathbus.api.Topology topology = new org.mpathbus.api.Topology(1, java.time.Instant.EPOCH, "test",
                java.util.List.of(), java.util.List.of(good, bad), java.util.List.of());
        command.topology = new org.mpathbus.api.TopologyService() {
            @Override public org.mpathbus.api.Topology topology() { return topology; }
            @Override public java.util.List<org.mpathbus.api.event.TopologyEvent> recentEvents() { return java.util.List.of(); }
            @Override public org.mpathbus.api.Topology refresh() { return topology; }
        };
        String json = command.config(true, false, true);
        assertTrue(json, json.contains("{\"dev\":\"sdb\",\"wwid\":\"3600good\",\"alias\":\"\",\"blacklisted\":false,"
                + "\"criterion\":null,\"rule\":null,\"reason\":\"sdb: not blacklisted\",\"admitted\":false,\"path_checker\":\"tur\""));
        assertTrue(json, json.contains("\"dev\":\"sdc\",\"wwid\":\"3600bad1\",\"alias\":\"\",\"blacklisted\":true,"
                + "\"criterion\":\"wwid\""));
        String text = command.config(false, false, true);
        assertTrue(text, text.contains("sdc 3600bad1  BLACKLISTED wwid \"^3600bad\""));
        assertTrue(text, text.contains("sdb 3600good  not taken (find_multipaths)"));
        c.deactivate();
    }

    @Test
    public void jsonEscapes() {
        assertEquals("{\"a\\\"b\":[\"x\\\\y\",1,true,null]}",
                Json.write(java.util.Map.of("a\"b", java.util.Arrays.asList("x\\y", 1, true, null))));
    }
}

package org.mpathbus.config.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Optional;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.mpathbus.api.DeviceIdentity;
import org.mpathbus.api.DeviceNumber;
import org.mpathbus.api.Path;
import org.mpathbus.config.EffectiveSettings;
import org.mpathbus.config.Origin;
import org.mpathbus.config.PathDescription;

/** multipath-tools' propsel order: multipaths, overrides, devices (last match first), defaults, built-in. */
public class PrecedenceTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static final String LAYERED = """
            defaults {
            	no_path_retry 1
            	failback 11
            	path_checker readsector0
            	rr_weight priorities
            	polling_interval 4
            }
            devices {
            	device {
            		vendor "ACME"
            		product "DISK.*"
            		no_path_retry 2
            		failback 22
            		path_checker directio
            		prio alua
            	}
            	device {
            		vendor "ACME"
            		product "DISK1"
            		failback 33
            	}
            }
            overrides {
            	no_path_retry 3
            	path_checker tur
            }
            multipaths {
            	multipath {
            		wwid 3600a
            		alias data
            		no_path_retry queue
            	}
            }
            """;

    private static PathDescription acme(String product, String wwid) {
        return PathDescription.of("sdb", wwid, "ACME", product);
    }

    @Test
    public void mapAttributesComeFromMultipathsFirst() throws Exception {
        EffectiveSettings s = ConfigFixture.load(tmp.getRoot().toPath(), LAYERED).settingsFor(acme("DISK1", "3600a"));
        assertEquals("queue", s.noPathRetry());
        assertEquals(Origin.MULTIPATHS, s.origin("no_path_retry"));
        assertEquals("data", s.alias());
    }

    @Test
    public void overridesBeatDevicesAndDefaults() throws Exception {
        EffectiveSettings s = ConfigFixture.load(tmp.getRoot().toPath(), LAYERED).settingsFor(acme("DISK1", "3600b"));
        assertEquals("3", s.noPathRetry());
        assertEquals(Origin.OVERRIDES, s.origin("no_path_retry"));
        assertEquals("tur", s.pathChecker());
        assertEquals("", s.alias());
    }

    @Test
    public void theLastMatchingDeviceEntryThatSetsAnAttributeWins() throws Exception {
        EffectiveSettings s = ConfigFixture.load(tmp.getRoot().toPath(), LAYERED).settingsFor(acme("DISK1", "3600b"));
        assertEquals("33", s.failback());
        assertEquals("alua", s.prio());
        assertEquals(Origin.DEVICES, s.origin("prio"));
        EffectiveSettings other = ConfigFixture.load(tmp.getRoot().toPath(), LAYERED).settingsFor(acme("DISK2", "x"));
        assertEquals("22", other.failback());
    }

    @Test
    public void defaultsThenBuiltInWhenNothingMoreSpecificSetsIt() throws Exception {
        EffectiveSettings s = ConfigFixture.load(tmp.getRoot().toPath(), LAYERED)
                .settingsFor(PathDescription.of("sdc", "x", "NOBODY", "NOTHING"));
        assertEquals("11", s.failback());
        assertEquals(Origin.DEFAULTS, s.origin("failback"));
        assertEquals("priorities", s.rrWeight());
        assertEquals(4, s.pollingInterval());
        assertEquals(16, s.maxPollingInterval());
        assertEquals("const", s.prio());
        assertEquals(Origin.BUILTIN, s.origin("prio"));
        assertEquals(0, s.checkerTimeout());
        assertEquals("0", s.hardwareHandler());
    }

    @Test
    public void overridesForThePathsProtocolComeFirst() throws Exception {
        ConfigSnapshot c = ConfigFixture.load(tmp.getRoot().toPath(), """
                defaults {
                	fast_io_fail_tmo 9
                }
                overrides {
                	dev_loss_tmo 600
                	protocol {
                		type "scsi:fcp"
                		dev_loss_tmo 30
                	}
                }
                """);
        PathDescription fc = new PathDescription("sdb", "x", "A", "B", "", "scsi:fcp", Optional.empty());
        assertEquals("30", c.settingsFor(fc).devLossTmo());
        assertEquals("9", c.settingsFor(fc).fastIoFailTmo());
        PathDescription iscsi = new PathDescription("sdc", "x", "A", "B", "", "scsi:iscsi", Optional.empty());
        assertEquals("600", c.settingsFor(iscsi).devLossTmo());
    }

    @Test
    public void pathAttributesIgnoreTheMultipathsSection() throws Exception {
        EffectiveSettings s = ConfigFixture.load(tmp.getRoot().toPath(),
                "multipaths {\n multipath {\n  wwid 3600a\n  path_checker directio\n }\n}\n").settingsFor(acme("X", "3600a"));
        assertEquals("tur", s.pathChecker());
    }

    @Test
    public void builtInHardwareTableApplies() throws Exception {
        ConfigSnapshot c = ConfigFixture.load(tmp.getRoot().toPath(), "");
        EffectiveSettings s = c.settingsFor(PathDescription.of("sdb", "x", "3PARdata", "VV"));
        assertEquals("group_by_prio", s.pathGroupingPolicy());
        assertEquals("1 alua", s.hardwareHandler());
        assertEquals("18", s.noPathRetry());
        assertEquals("infinity", s.devLossTmo());
        assertEquals("built-in hwtable 3PARdata:VV", s.get("no_path_retry").orElseThrow().source());
    }

    @Test
    public void aConfiguredEntryForABuiltInDeviceKeepsTheOtherBuiltInValues() throws Exception {
        ConfigSnapshot c = ConfigFixture.load(tmp.getRoot().toPath(),
                "devices {\n device {\n  vendor \"3PARdata\"\n  product \"VV\"\n  no_path_retry 5\n }\n}\n");
        EffectiveSettings s = c.settingsFor(PathDescription.of("sdb", "x", "3PARdata", "VV"));
        assertEquals("5", s.noPathRetry());
        assertEquals("1 alua", s.hardwareHandler());
        assertEquals(123, c.devices().size());
    }

    @Test
    public void deprecatedQueueIfNoPathFeatureBecomesNoPathRetryQueue() throws Exception {
        ConfigSnapshot c = ConfigFixture.load(tmp.getRoot().toPath(), "defaults {\n features \"1 queue_if_no_path\"\n}\n");
        EffectiveSettings s = c.settingsFor(PathDescription.of("sdb", "x", "X", "Y"));
        assertEquals("queue", s.noPathRetry());
        assertEquals("0", s.features());
        assertEquals("1 queue_if_no_path", c.defaults().features());
    }

    @Test
    public void unsetNoPathRetryMeansFail() throws Exception {
        EffectiveSettings s = ConfigFixture.load(tmp.getRoot().toPath(), "").settingsFor(PathDescription.of("sdb", "", "X", "Y"));
        assertEquals("fail", s.noPathRetry());
    }

    @Test
    public void userFriendlyNamesTakeTheAliasFromTheBindingsFile() throws Exception {
        ConfigSnapshot c = ConfigFixture.load(tmp.getRoot().toPath(), "defaults {\n user_friendly_names yes\n}\n",
                "mpatha 3600a\nmpathb 3600b\n");
        assertEquals("mpathb", c.settingsFor(acme("X", "3600b")).alias());
        assertEquals(Optional.of("mpatha"), c.aliasFor("3600a"));
        assertEquals(Optional.empty(), c.aliasFor("3600c"));
        ConfigSnapshot plain = ConfigFixture.load(tmp.getRoot().toPath(), "", "mpatha 3600a\n");
        assertEquals(Optional.empty(), plain.aliasFor("3600a"));
        assertFalse(plain.settingsFor(acme("X", "3600a")).userFriendlyNames());
    }

    @Test
    public void modelPathsAreDescribedByIdentityAndTransport() throws Exception {
        Path path = Path.builder("sdd", new DeviceNumber(8, 48)).wwid("3600a")
                .identity(new DeviceIdentity("3PARdata", "VV", "3.2")).build();
        ConfigSnapshot c = ConfigFixture.load(tmp.getRoot().toPath(), "");
        assertEquals("group_by_prio", c.settingsFor(PathDescription.of(path)).pathGroupingPolicy());
        assertTrue(c.defaults().detectChecker());
    }
}

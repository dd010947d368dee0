package org.mpathbus.config.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.mpathbus.api.DeviceIdentity;
import org.mpathbus.api.DeviceNumber;
import org.mpathbus.api.Path;
import org.mpathbus.api.TransportInfo;
import org.mpathbus.config.BlacklistCriterion;
import org.mpathbus.config.BlacklistVerdict;
import org.mpathbus.config.PathDescription;

/** multipath-tools' filtering: devnode, property, device, protocol, wwid; an exception only beats its own kind. */
public class BlacklistTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private ConfigSnapshot load(String conf) throws ConfigSyntaxException {
        return ConfigFixture.load(tmp.getRoot().toPath(), conf);
    }

    @Test
    public void builtInDevnodeRuleKeepsOnlyScsiDasdAndNvme() throws Exception {
        ConfigSnapshot c = load("");
        BlacklistVerdict loop = c.blacklisted(PathDescription.of("loop0", "", "", ""));
        assertEquals(Optional.of(BlacklistCriterion.DEVNODE), loop.criterion());
        assertEquals("!^(sd[a-z]|dasd[a-z]|nvme[0-9])", loop.rule().orElseThrow().pattern());
        assertTrue(loop.rule().orElseThrow().builtin());
        assertEquals("loop0: device node name blacklisted", loop.reason());
        assertFalse(c.blacklisted(PathDescription.of("sdb", "3600a", "ACME", "DISK")).blacklisted());
        assertFalse(c.blacklisted(PathDescription.of("nvme0n1", "eui.1", "", "")).blacklisted());
    }

    @Test
    public void builtInDeviceRulesComeFromTheHardwareTable() throws Exception {
        BlacklistVerdict v = load("").blacklisted(PathDescription.of("sdc", "x", "IBM", "Universal Xport"));
        assertEquals(Optional.of(BlacklistCriterion.DEVICE), v.criterion());
        assertEquals("IBM:Universal Xport", v.rule().orElseThrow().expression());
        assertEquals("sdc: (IBM:Universal Xport) vendor/product blacklisted", v.reason());
    }

    @Test
    public void anExceptionOnlyOutweighsTheBlacklistOfItsOwnCriterion() throws Exception {
        ConfigSnapshot c = load("""
                blacklist {
                	devnode "^sd"
                	wwid "^3600bad"
                }
                blacklist_exceptions {
                	devnode "^sdb$"
                }
                """);
        BlacklistVerdict saved = c.blacklisted(PathDescription.of("sdb", "3600good", "A", "B"));
        assertFalse(saved.blacklisted());
        assertEquals("^sdb$", saved.exceptions().get(0).pattern());
        BlacklistVerdict stillByWwid = c.blacklisted(PathDescription.of("sdb", "3600bad1", "A", "B"));
        assertEquals(Optional.of(BlacklistCriterion.WWID), stillByWwid.criterion());
        assertEquals(1, stillByWwid.exceptions().size());
        assertEquals(c.configFiles().get(0) + ":3", stillByWwid.rule().orElseThrow().source());
        assertEquals(Optional.of(BlacklistCriterion.DEVNODE), c.blacklisted(PathDescription.of("sdc", "3600good", "A", "B")).criterion());
    }

    @Test
    public void blacklistEverythingExceptOneWwid() throws Exception {
        ConfigSnapshot c = load("blacklist {\n wwid \".*\"\n}\nblacklist_exceptions {\n wwid \"^3600keep\"\n}\n");
        assertFalse(c.blacklisted(PathDescription.of("sdb", "3600keep1", "A", "B")).blacklisted());
        assertEquals("sdc: wwid 3600other blacklisted", c.blacklisted(PathDescription.of("sdc", "3600other", "A", "B")).reason());
    }

    @Test
    public void invertedAndEscapedExclamationMarks() throws Exception {
        ConfigSnapshot c = load("blacklist {\n wwid \"!^3600\"\n devnode \"\\\\!odd\"\n}\n");
        assertTrue(c.blacklisted(PathDescription.of("sdb", "2001", "", "")).blacklisted());
        assertFalse(c.blacklisted(PathDescription.of("sdb", "3600a", "", "")).blacklisted());
        assertEquals(Optional.of(BlacklistCriterion.DEVNODE), c.blacklisted(PathDescription.of("sd!odd", "3600a", "", "")).criterion());
    }

    @Test
    public void deviceRulesWithVendorOnlyAndInvertedProduct() throws Exception {
        ConfigSnapshot c = load("""
                blacklist {
                	device {
                		vendor "^OLD"
                	}
                	device {
                		vendor "ACME"
                		product "!^GOOD"
                	}
                }
                """);
        assertTrue(c.blacklisted(PathDescription.of("sdb", "x", "OLDCO", "ANY")).blacklisted());
        assertTrue(c.blacklisted(PathDescription.of("sdb", "x", "ACME", "BAD")).blacklisted());
        assertFalse(c.blacklisted(PathDescription.of("sdb", "x", "ACME", "GOOD1")).blacklisted());
    }

    @Test
    public void protocolComesFromTheModelsTransport() throws Exception {
        ConfigSnapshot c = load("blacklist {\n protocol \"scsi:fcp\"\n}\n");
        Path fc = Path.builder("sdb", new DeviceNumber(8, 16)).wwid("3600a")
                .identity(new DeviceIdentity("A", "B", ""))
                .transport(new TransportInfo("fc", "", "", "", "", "")).build();
        BlacklistVerdict v = c.blacklisted(PathDescription.of(fc));
        assertEquals(Optional.of(BlacklistCriterion.PROTOCOL), v.criterion());
        assertEquals("sdb: protocol scsi:fcp blacklisted", v.reason());
    }

    @Test
    public void udevPropertiesMustIncludeAnExceptedOneOnceTheUidAttributeIsThere() throws Exception {
        ConfigSnapshot c = load("");
        PathDescription plain = PathDescription.of("sdb", "x", "A", "B");
        BlacklistVerdict missing = c.blacklisted(plain.withUdevProperties(Set.of("ID_SERIAL", "DEVTYPE")));
        assertEquals(Optional.of(BlacklistCriterion.PROPERTY), missing.criterion());
        assertEquals(Optional.empty(), missing.rule());
        assertEquals("sdb: blacklisted, udev property missing", missing.reason());
        assertFalse(c.blacklisted(plain.withUdevProperties(Set.of("ID_SERIAL", "ID_WWN"))).blacklisted());
        assertFalse("without the uid_attribute udev probably failed: not blacklisted",
                c.blacklisted(plain.withUdevProperties(Set.of("DEVTYPE"))).blacklisted());
    }

    @Test
    public void propertyBlacklist() throws Exception {
        ConfigSnapshot c = load("blacklist {\n property \"^ID_ATA\"\n}\n");
        BlacklistVerdict v = c.blacklisted(PathDescription.of("sdb", "x", "A", "B").withUdevProperties(Set.of("ID_ATA")));
        assertEquals("sdb: udev property ID_ATA blacklisted", v.reason());
    }

    @Test
    public void configuredRulesComeBeforeBuiltInOnes() throws Exception {
        List<String> rules = load("blacklist {\n devnode \"^sdz\"\n}\n").blacklist().stream()
                .filter(r -> r.criterion() == BlacklistCriterion.DEVNODE).map(r -> r.pattern()).toList();
        assertEquals(List.of("^sdz", "!^(sd[a-z]|dasd[a-z]|nvme[0-9])"), rules);
    }
}

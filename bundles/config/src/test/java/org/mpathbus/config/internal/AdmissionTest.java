package org.mpathbus.config.internal;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.mpathbus.config.PathDescription;

/** find_multipaths as multipath.conf(5) of 0.9.4 describes it; the two-path cases are also checked in the lab. */
public class AdmissionTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static final PathDescription LISTED = PathDescription.of("sdb", "3600listed", "A", "B");
    private static final PathDescription NEW = PathDescription.of("sdc", "3600new", "A", "B");

    private ConfigSnapshot load(String mode) throws ConfigSyntaxException {
        return ConfigFixture.load(tmp.getRoot().toPath(), "defaults {\n find_multipaths " + mode + "\n}\n", "",
                "/3600listed/\n");
    }

    @Test
    public void strictTakesOnlyWwidsOfTheWwidsFile() throws Exception {
        ConfigSnapshot c = load("strict");
        assertTrue(c.admits(LISTED, 1));
        assertFalse(c.admits(NEW, 4));
    }

    @Test
    public void onAndSmartAlsoTakeAWwidSeenOnTwoPaths() throws Exception {
        for (String mode : new String[] { "on", "yes", "smart" }) {
            ConfigSnapshot c = load(mode);
            assertTrue(mode, c.admits(LISTED, 1));
            assertFalse(mode, c.admits(NEW, 1));
            assertTrue(mode, c.admits(NEW, 2));
        }
    }

    @Test
    public void offAndGreedyTakeEveryPathThatIsNotBlacklisted() throws Exception {
        for (String mode : new String[] { "off", "greedy" }) {
            assertTrue(mode, load(mode).admits(NEW, 1));
            assertFalse(mode, load(mode).admits(PathDescription.of("loop0", "x", "", ""), 1));
        }
    }

    @Test
    public void aPathWithoutWwidIsNeverTaken() throws Exception {
        assertFalse(load("greedy").admits(PathDescription.of("sdd", "", "A", "B"), 2));
    }
}

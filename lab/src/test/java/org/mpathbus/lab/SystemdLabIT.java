package org.mpathbus.lab;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Issue 21: the Debian package on a Debian system run by systemd (SystemdLab's guest, systemd-suite.sh),
 * installed with apt by a shell whose umask is 002.
 */
public class SystemdLabIT {

    private static final String LOOKUP_REPLY = "o \"/org/mpathbus/Multipath1/paths/sda\"";
    private static LabRun run;

    @BeforeClass
    public static void boot() {
        run = SystemdLab.run();
        System.out.printf("[lab] systemd guest: root %.1f s, boot to the suite %.1f s (guest uptime), suite %.1f s,"
                + " qemu in all %.1f s; install to active %.1f s, activation by a call %.1f s%n",
                SystemdLab.rootSeconds, run.uptimeAt("booted"), run.uptimeAt("done") - run.uptimeAt("booted"),
                run.hostSeconds(), span("install-to-active.txt"), span("activation-time.txt"));
    }

    @Test
    public void systemdIsPid1() {
        assertEquals("systemd", run.text("pid1.txt").strip());
    }

    @Test
    public void aptInstallsUnderUmask002AndTheServiceIsActiveAndEnabled() {
        assertEquals("0002", run.text("install-umask.txt").strip());
        assertEquals("apt-get install:\n" + run.text("install.txt"), "0", run.text("install-status.txt").strip());
        assertEquals("systemctl is-active mpathbus" + run.errorsText() + "\njournal:\n" + run.text("journal.txt"),
                "active", run.text("is-active.txt").strip());
        assertEquals("enabled", run.text("is-enabled.txt").strip());
    }

    /** bin/mpathbusd refuses group- or world-writable code or configuration: the installed modes are root's alone. */
    @Test
    public void installedFilesAreWritableByRootAlone() {
        assertEquals("", run.text("writable-by-others.txt").strip());
        List<String> modes = run.lines("modes.txt");
        assertTrue(modes.toString(), modes.stream().anyMatch(l -> l.endsWith(" /etc/mpathbus/org.mpathbus.core.engine.cfg")));
        assertTrue("not root's: " + modes, modes.stream().allMatch(l -> l.split(" ")[1].equals("root:root")));
    }

    @Test
    public void theDaemonLogsToJournaldAndRunsTheSimulatorHere() {
        String journal = run.text("journal.txt");
        // the guest has no dm_mod module: the launcher picks the simulator
        assertTrue(journal, journal.contains("mpathbusd: source simulator (auto: "));
    }

    @Test
    public void systemdAnalyzeVerifiesTheInstalledUnit() {
        System.out.println("[lab] systemd-analyze security in the guest: " + exposure(run.text("security.txt")));
        assertEquals(run.text("verify.txt"), "0", run.text("verify-status.txt").strip());
        assertEquals("", run.text("verify.txt").strip());
    }

    @Test
    public void theHardenedUnitStillServesPrometheus() {
        String metrics = run.text("metrics.txt");
        assertTrue(metrics, metrics.contains("# TYPE mpathbus_"));
    }

    @Test
    public void aCallOnTheBusActivatesTheStoppedService() {
        assertEquals("inactive", run.text("stopped.txt").strip());
        assertEquals(run.text("activation-call.txt"), "0", run.text("activation-status.txt").strip());
        assertEquals(LOOKUP_REPLY, run.text("activation-call.txt").strip());
        assertEquals("active", run.text("activated.txt").strip());
    }

    /** Every action of the shipped policy, as polkitd loaded it. */
    @Test
    public void pkactionListsThePackagesPolkitActions() throws IOException {
        Set<String> shipped = new TreeSet<>();
        Matcher id = Pattern.compile("<action id=\"([^\"]+)\"")
                .matcher(Files.readString(Paths.get("../packaging/polkit/org.mpathbus.multipath1.policy")));
        while (id.find()) {
            shipped.add(id.group(1));
        }
        Set<String> listed = new TreeSet<>();
        for (String line : run.lines("pkaction.txt")) {
            if (line.startsWith("org.mpathbus.")) {
                listed.add(line.strip());
            }
        }
        assertTrue(shipped.toString(), shipped.size() >= 4);
        assertEquals(shipped, listed);
        assertTrue(run.text("pkaction-manage-paths.txt"), run.text("pkaction-manage-paths.txt").contains("implicit active:   auth_admin_keep"));
    }

    @Test
    public void cockpitsBridgeFindsThePage() {
        List<String> packages = run.lines("cockpit-packages.txt");
        assertTrue(packages.toString(), packages.stream().anyMatch(l -> l.matches("^mpathbus\\s+.*")));
    }

    @Test
    public void systemdRestartsTheDaemonAfterKill9() {
        List<String> kill = run.lines("kill.txt");
        assertEquals(kill + run.errorsText(), 2, kill.size());
        Matcher before = Pattern.compile("^jvm (\\d+) main (\\d+) restarts (\\d+)$").matcher(kill.get(0));
        Matcher after = Pattern.compile("jvm (\\d+) main (\\d+) restarts (\\d+) (\\S+)$").matcher(kill.get(1));
        assertTrue(kill.toString(), before.find() && after.find());
        assertNotEquals("a new JVM", before.group(1), after.group(1));
        assertEquals("one restart", Integer.parseInt(before.group(3)) + 1, Integer.parseInt(after.group(3)));
        assertEquals("active", after.group(4));
        assertEquals(LOOKUP_REPLY, run.text("after-kill-call.txt").strip());
    }

    @Test
    public void removalStopsTheDaemonAndKeepsTheConfiguration() {
        assertEquals(run.text("remove.txt"), "0", run.text("remove-status.txt").strip());
        assertEquals("inactive", run.text("after-remove-active.txt").strip());
        assertEquals("no JVM left", "", run.text("after-remove-java.txt").strip());
        String etc = run.text("after-remove-etc.txt");
        assertTrue(etc, etc.contains("org.mpathbus.exporter.dbus.control.cfg") && etc.endsWith("# the admin's own line"));
        assertTrue("nothing activates the name:\n" + run.text("after-remove-call.txt"),
                !run.text("after-remove-call.txt").contains(LOOKUP_REPLY));
        assertEquals("removed, configuration kept", "rc", run.text("after-remove-dpkg.txt").strip());
    }

    @Test
    public void purgeLeavesTheRootAsItWasBefore() {
        assertEquals(run.text("purge.txt"), "0", run.text("purge-status.txt").strip());
        assertEquals("what purge left or took on the root file system", "", run.text("purge-diff.txt").strip());
        String dpkg = run.text("after-purge-dpkg.txt").strip();
        assertTrue(dpkg, dpkg.isEmpty() || dpkg.startsWith("un") || dpkg.contains("no packages found"));
    }

    private static double span(String file) {
        String[] times = run.text(file).strip().split(" ");
        return Double.parseDouble(times[1]) - Double.parseDouble(times[0]);
    }

    private static String exposure(String security) {
        Matcher score = Pattern.compile("Overall exposure level for mpathbus.service: ([0-9.]+ \\S+)").matcher(security);
        return score.find() ? score.group(1) : "not reported:\n" + security;
    }
}

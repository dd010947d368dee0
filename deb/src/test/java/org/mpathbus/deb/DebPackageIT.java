package org.mpathbus.deb;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.Test;

/**
 * The built .deb as Debian's tools judge it: lintian, dpkg-deb's listing (owners, modes, conffiles),
 * systemd-analyze verify and security on the unit it installs.
 */
public class DebPackageIT {

    private static final Path DEB = Paths.get(System.getProperty("deb.file", "target/mpathbus_0.1.0~SNAPSHOT_all.deb"));
    private static final Path ROOT = Paths.get(System.getProperty("deb.root", "target/root"));
    private static final Path BUILD_SCRIPT = Paths.get("../packaging/deb/build-deb.sh");
    private static final Path DISTRIBUTION = Paths.get("../distribution/target/mpathbus");
    /** Today's score is 2.5; a change that loosens the unit noticeably fails here. */
    private static final double MAX_EXPOSURE = 3.0;

    @Test
    public void lintianFindsNothing() throws Exception {
        Result lintian = Result.run(List.of(require("/usr/bin/lintian", "lintian"), "--info", "--pedantic",
                DEB.toString()));
        List<String> tags = lintian.lines().stream().filter(line -> line.matches("^[EWIPX]: .*")).toList();
        System.out.println("[deb] lintian " + DEB.getFileName() + ": " + (tags.isEmpty() ? "no tags" : tags));
        assertTrue("lintian's tags (each accepted one needs an explained override in packaging/deb/lintian-overrides):\n"
                + String.join("\n", tags), tags.isEmpty());
        assertEquals("lintian's exit status:\n" + lintian.output, 0, lintian.status);
    }

    @Test
    public void everyEntryIsRootsAndWritableByRootAlone() throws Exception {
        assertRootOnly(listing(DEB));
    }

    /** dpkg keeps the archive's modes whatever the installer's umask; the archive must not depend on the builder's. */
    @Test
    public void aBuildUnderUmask002GivesTheSameModes() throws Exception {
        Path out = Files.createTempDirectory(Paths.get("target"), "umask002-");
        Result build = Result.run(List.of("bash", "-c", "umask 002; exec bash \"$0\" \"$1\" \"$2\" 0.1.0~umask",
                BUILD_SCRIPT.toString(), DISTRIBUTION.toString(), out.toString()));
        assertEquals(build.output, 0, build.status);
        List<String[]> entries = listing(out.resolve("mpathbus_0.1.0~umask_all.deb"));
        assertRootOnly(entries);
        assertEquals("the same files with the same modes",
                modes(listing(DEB)), modes(entries));
    }

    @Test
    public void everyFileInEtcIsAConffile() throws Exception {
        Set<String> etc = listing(DEB).stream().filter(e -> e[0].startsWith("-") && e[5].startsWith("./etc/"))
                .map(e -> e[5].substring(1)).collect(Collectors.toCollection(TreeSet::new));
        Set<String> conffiles = new TreeSet<>(Files.readAllLines(ROOT.resolve("DEBIAN/conffiles")));
        assertTrue("configuration in /etc/mpathbus: " + etc, etc.contains("/etc/mpathbus/org.mpathbus.exporter.dbus.control.cfg"));
        assertEquals(etc, conffiles);
    }

    @Test
    public void dependsOnAJavaThatDebianProvides() throws Exception {
        String depends = Result.run(List.of("dpkg-deb", "--field", DEB.toString(), "Depends")).output.strip();
        assertTrue(depends, depends.startsWith("default-jre-headless (>= 2:1.17) | java17-runtime-headless,"));
    }

    /** systemd-analyze checks the unit in a root with the package and this machine's own units (dbus.socket...). */
    @Test
    public void systemdAnalyzeVerifiesTheUnit() throws Exception {
        Path root = Files.createTempDirectory(Paths.get("target"), "verify-root-");
        Result copy = Result.run(List.of("bash", "-c", "cp -a \"$0\"/. \"$1\"/ && cp -an /lib/systemd/system/. \"$1\"/lib/systemd/system/",
                ROOT.toString(), root.toString()));
        assertEquals(copy.output, 0, copy.status);
        Result verify = Result.run(List.of(require("/usr/bin/systemd-analyze", "systemd"), "verify",
                "--root=" + root.toAbsolutePath(), "mpathbus.service"));
        System.out.println("[deb] systemd-analyze verify mpathbus.service: exit " + verify.status
                + (verify.output.isBlank() ? ", no findings" : ":\n" + verify.output));
        assertEquals(verify.output, 0, verify.status);
        assertEquals("systemd-analyze verify's findings", "", verify.output.strip());
    }

    @Test
    public void systemdAnalyzeSecurityExposure() throws Exception {
        Result security = Result.run(List.of(require("/usr/bin/systemd-analyze", "systemd"), "security", "--offline=true",
                "--root=" + ROOT.toAbsolutePath(), "--no-pager", "mpathbus.service"));
        Matcher score = Pattern.compile("Overall exposure level for mpathbus.service: ([0-9.]+) (\\S+)").matcher(security.output);
        assertTrue(security.output, score.find());
        double exposure = Double.parseDouble(score.group(1));
        System.out.println("[deb] systemd-analyze security mpathbus.service: exposure " + exposure + " " + score.group(2)
                + "; not restricted:\n" + security.lines().stream().filter(l -> l.startsWith("✗")).map(String::stripTrailing)
                        .collect(Collectors.joining("\n")));
        assertTrue("exposure " + exposure + " is above " + MAX_EXPOSURE, exposure <= MAX_EXPOSURE);
    }

    private static void assertRootOnly(List<String[]> entries) {
        List<String> wrong = new ArrayList<>();
        for (String[] e : entries) {
            String mode = e[0];
            boolean link = mode.startsWith("l");
            if (!"root/root".equals(e[1]) || (!link && (mode.charAt(5) == 'w' || mode.charAt(8) == 'w'))) {
                wrong.add(String.join(" ", e));
            }
        }
        assertTrue("entries not root's or writable by others: " + wrong, wrong.isEmpty());
        assertTrue("the launcher is executable",
                entries.stream().anyMatch(e -> e[5].equals("./usr/share/mpathbus/bin/mpathbusd") && e[0].equals("-rwxr-xr-x")));
    }

    private static Set<String> modes(List<String[]> entries) {
        return entries.stream().map(e -> e[0] + " " + e[5]).collect(Collectors.toCollection(TreeSet::new));
    }

    /** dpkg-deb -c: mode, owner, size, date, time, name[, ->, target] */
    private static List<String[]> listing(Path deb) throws IOException, InterruptedException {
        Result contents = Result.run(List.of("dpkg-deb", "-c", deb.toString()));
        assertEquals(contents.output, 0, contents.status);
        List<String[]> entries = new ArrayList<>();
        for (String line : contents.lines()) {
            String[] words = line.trim().split("\\s+");
            entries.add(new String[] {words[0], words[1], words[2], words[3], words[4], words[5]});
        }
        return entries;
    }

    private static String require(String program, String pkg) {
        assertTrue(program + " is missing: apt-get install " + pkg, Files.isExecutable(Paths.get(program)));
        return program;
    }

    private record Result(int status, String output) {
        static Result run(List<String> command) throws IOException, InterruptedException {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                    .replace("running with root privileges is not recommended!\n", "");
            return new Result(process.waitFor(), output);
        }

        List<String> lines() {
            return output.lines().toList();
        }
    }
}

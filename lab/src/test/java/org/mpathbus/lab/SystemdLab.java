package org.mpathbus.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The systemd guest: a Debian root built by src/test/guest/systemd-root.sh (mmdebstrap, cached by its
 * package list), booted with systemd as PID 1 under qemu (TCG), where systemd-suite.sh installs the
 * Debian package built by the deb module. Unlike the other guests it does not share this machine's
 * root: the package must meet a Debian system that has never seen the daemon.
 */
final class SystemdLab {

    /** What the root holds besides apt: what the package depends on and recommends, and the tools the suite runs. */
    static final List<String> ROOT_PACKAGES = List.of("systemd-sysv", "dbus", "python3", "openjdk-17-jre-headless",
            "polkitd", "multipath-tools", "cockpit-bridge");
    private static final String SUITE = System.getProperty("lab.systemd.suite", "bookworm");
    private static final GuestRun RUN = new GuestRun("systemd-suite.sh", SystemdLab::boot);
    /** Seconds the root took to build (0 when cached). */
    static double rootSeconds;

    private SystemdLab() {
    }

    static LabRun run() {
        return RUN.get();
    }

    private static LabRun boot() throws IOException, InterruptedException {
        requirePrerequisites();
        Path deb = packageFile();
        String kernel = LabBoot.kernelVersion();
        Path guest = Paths.get(System.getProperty("lab.guest.dir", "src/test/guest")).toAbsolutePath();
        Path work = Paths.get(System.getProperty("lab.work.dir", "target/lab")).toAbsolutePath().resolveSibling("lab-systemd");
        Path out = work.resolve("out");
        LabBoot.deleteTree(work);
        Files.createDirectories(out);

        long started = System.nanoTime();
        List<String> build = new ArrayList<>(List.of("bash", guest.resolve("systemd-root.sh").toString(),
                rootCache().toString(), SUITE));
        build.addAll(ROOT_PACKAGES);
        String root = lastLine(exec(build, work, work.resolve("root-build.log")));
        rootSeconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("[lab] systemd guest root %s ready in %.1f s%n", root, rootSeconds);

        Path initrd = work.resolve("initrd.gz");
        exec(List.of("bash", guest.resolve("systemd-initramfs.sh").toString(), kernel, initrd.toString()), work,
                work.resolve("initramfs.log"));
        Files.copy(deb, out.resolve("mpathbus.deb"));
        Files.copy(guest.resolve("systemd-suite.sh"), out.resolve("systemd-suite.sh"));

        return LabBoot.bootGuest("systemd-suite.sh", kernel, initrd, "systemd.show_status=error",
                "local,path=" + root + ",mount_tag=sysroot,security_model=none,readonly=on,multidevs=remap", out,
                work.resolve("console.log"));
    }

    /** A cache outside target/, so that a clean build reuses the root while its package list is the same. */
    private static Path rootCache() {
        return Paths.get(System.getProperty("lab.systemd.cache",
                System.getProperty("user.home") + "/.cache/mpathbus/lab-roots"));
    }

    private static Path packageFile() throws IOException {
        Path dir = Paths.get(System.getProperty("lab.deb.dir", "../deb/target")).toAbsolutePath().normalize();
        List<Path> debs;
        try (Stream<Path> files = Files.exists(dir) ? Files.list(dir) : Stream.empty()) {
            debs = files.filter(p -> p.getFileName().toString().matches("mpathbus_.*_all\\.deb")).sorted().toList();
        }
        if (debs.size() != 1) {
            throw new AssertionError("the systemd lab installs the Debian package, and " + dir + " holds " + debs
                    + ": build it first (mvn package -pl deb -am)");
        }
        return debs.get(0);
    }

    private static void requirePrerequisites() {
        List<String> missing = new ArrayList<>();
        for (String[] need : new String[][] {{"/usr/bin/mmdebstrap", "mmdebstrap"},
                {"/usr/bin/qemu-system-x86_64", "qemu-system-x86"}, {"/bin/busybox", "busybox-static"},
                {"/usr/bin/cpio", "cpio"}, {"/sbin/modprobe", "kmod"}}) {
            if (!Files.isExecutable(Paths.get(need[0]))) {
                missing.add(need[1]);
            }
        }
        if (!missing.isEmpty()) {
            throw new AssertionError("the systemd lab needs " + missing + ". Install: "
                    + "DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends " + String.join(" ", missing));
        }
    }

    private static String exec(List<String> command, Path directory, Path log) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Files.writeString(log, output);
        if (process.waitFor() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }

    private static String lastLine(String output) {
        List<String> lines = output.strip().lines().toList();
        return lines.get(lines.size() - 1);
    }
}

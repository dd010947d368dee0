package org.mpathbus.lab;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One guest: boots this machine's Debian kernel under qemu (TCG: nested KVM hangs here) with this
 * machine's root shared read-only over 9p beneath a tmpfs overlay, runs one script of src/test/guest in
 * it, and hands what the script left in its results share to the tests. A guest boots once per test JVM
 * ({@link GuestRun}).
 */
final class LabBoot {

    /** A whole run (boot, SAN setup, scenarios, benchmarks) must end within this. */
    private static final long RUN_TIMEOUT_MINUTES = Long.getLong("lab.timeout.minutes", 20);

    private final String script;
    private final String workDirectory;
    private final GuestRun run;

    /**
     * @param script the guest script under src/test/guest, such as "suite.sh"
     * @param workDirectory the folder beside target/lab that holds this guest's files ("lab")
     */
    LabBoot(String script, String workDirectory) {
        this.script = script;
        this.workDirectory = workDirectory;
        this.run = new GuestRun(script, this::boot);
    }

    /** The one run of this guest in this JVM, started at the first call. */
    LabRun run() {
        return run.get();
    }

    private LabRun boot() throws IOException, InterruptedException {
        requirePrerequisites();
        String kernelVersion = kernelVersion();
        Path work = Paths.get(System.getProperty("lab.work.dir", "target/lab")).toAbsolutePath()
                .resolveSibling(workDirectory);
        Path guest = Paths.get(System.getProperty("lab.guest.dir", "src/test/guest")).toAbsolutePath();
        Path out = work.resolve("out");
        deleteTree(work);
        Files.createDirectories(out);
        Path daemon = snapshotDaemon(work);
        Path initrd = work.resolve("initrd.gz");
        exec(List.of("bash", guest.resolve("mkinitramfs.sh").toString(), kernelVersion, initrd.toString()), work);
        Files.writeString(out.resolve("lab.env"), String.join("\n",
                "LAB_HOME=" + daemon,
                "LAB_GUEST=" + guest,
                "LAB_CLASSPATH=" + guestClasspath(),
                "LAB_BENCHMARKS=" + Boolean.parseBoolean(System.getProperty("lab.benchmarks", "true")),
                "LAB_LATENCY_CYCLES=" + Integer.getInteger("lab.latency.cycles", 20), ""));
        return bootGuest(script, kernelVersion, initrd, "lab.script=" + guest.resolve(script),
                "local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap", out,
                work.resolve("console.log"));
    }

    /**
     * Boots {@code kernel} under qemu (TCG) with {@code rootShare} as the 9p share its initramfs mounts and
     * {@code out} as the results share, and waits until the guest powers off; its run, once {@code script}
     * reached its "done" step.
     *
     * @param append what the kernel command line says besides the serial console
     */
    static LabRun bootGuest(String script, String kernel, Path initrd, String append, String rootShare, Path out,
            Path console) throws IOException, InterruptedException {
        List<String> qemu = List.of("qemu-system-x86_64", "-accel", "tcg,thread=multi", "-cpu", "max", "-m", "2048",
                "-smp", "2", "-nographic", "-no-reboot", "-monitor", "none", "-nic", "none",
                "-kernel", "/boot/vmlinuz-" + kernel, "-initrd", initrd.toString(),
                "-append", "console=ttyS0 quiet panic=-1 " + append,
                "-virtfs", rootShare,
                "-virtfs", "local,path=" + out + ",mount_tag=labout,security_model=none,multidevs=remap");
        System.out.println("[lab] booting " + kernel + " under qemu (TCG) for " + script + "; console: " + console);
        long start = System.nanoTime();
        Process process = new ProcessBuilder(qemu).redirectErrorStream(true).redirectOutput(console.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        if (!process.waitFor(RUN_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the lab guest (" + script + ") did not finish within " + RUN_TIMEOUT_MINUTES
                    + " minutes; the console's last lines:\n" + tail(console, 40));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        LabRun result = new LabRun(out, console, seconds);
        if (!result.stepReached("done")) {
            throw new AssertionError("the lab guest stopped before " + script + " ended (steps: " + result.stepNames()
                    + "); the console's last lines:\n" + tail(console, 60));
        }
        System.out.printf("[lab] %s guest finished in %.1f s%n", script, seconds);
        return result;
    }

    /** Every program the lab needs, with the Debian package that brings it. */
    private static void requirePrerequisites() {
        Map<String, String> needed = new LinkedHashMap<>();
        needed.put("/usr/bin/qemu-system-x86_64", "qemu-system-x86");
        needed.put("/bin/busybox", "busybox-static");
        needed.put("/usr/sbin/multipathd", "multipath-tools");
        needed.put("/usr/sbin/dmsetup", "dmsetup (comes with multipath-tools)");
        needed.put("/usr/bin/sg_inq", "sg3-utils");
        needed.put("/usr/bin/sg_turs", "sg3-utils");
        needed.put("/usr/bin/taskset", "util-linux");
        needed.put("/usr/bin/gdbus", "libglib2.0-bin");
        needed.put("/usr/bin/busctl", "systemd");
        needed.put("/usr/bin/stdbuf", "coreutils");
        needed.put("/lib/systemd/systemd-udevd", "udev");
        needed.put("/usr/bin/dbus-daemon", "dbus");
        needed.put("/usr/bin/cpio", "cpio");
        needed.put("/usr/bin/python3", "python3");
        needed.put("/sbin/modprobe", "kmod");
        List<String> missing = new ArrayList<>();
        List<String> packages = new ArrayList<>();
        needed.forEach((file, pkg) -> {
            if (!Files.isExecutable(Paths.get(file))) {
                missing.add(file + " (package " + pkg + ")");
                packages.add(pkg.split(" ")[0]);
            }
        });
        if (listKernels().isEmpty()) {
            missing.add("/boot/vmlinuz-* with /lib/modules/<version> (package linux-image-amd64)");
            packages.add("linux-image-amd64");
        }
        if (!packages.isEmpty()) {
            throw new AssertionError("the kernel lab needs what this machine lacks: " + String.join(", ", missing)
                    + ". Install: DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "
                    + String.join(" ", packages));
        }
    }

    /** The newest installed kernel with its modules, or lab.kernel.version. */
    static String kernelVersion() {
        String wanted = System.getProperty("lab.kernel.version", "");
        List<String> kernels = listKernels();
        if (!wanted.isEmpty()) {
            if (!kernels.contains(wanted)) {
                throw new AssertionError("lab.kernel.version=" + wanted + " is not installed; found " + kernels);
            }
            return wanted;
        }
        return kernels.get(kernels.size() - 1);
    }

    /** Installed kernels that come with their modules, oldest first. */
    private static List<String> listKernels() {
        try (Stream<Path> boot = Files.list(Paths.get("/boot"))) {
            return boot.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("vmlinuz-"))
                    .map(n -> n.substring("vmlinuz-".length()))
                    .filter(v -> Files.isDirectory(Paths.get("/lib/modules", v, "kernel/drivers/md")))
                    .sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * Copies the built daemon, so that a rebuild of the distribution while the guest runs cannot pull the
     * files from under it.
     */
    private static Path snapshotDaemon(Path work) throws IOException {
        Path home = Paths.get(System.getProperty("lab.daemon.home", "../distribution/target/mpathbus")).toAbsolutePath()
                .normalize();
        if (!Files.isExecutable(home.resolve("bin/mpathbusd"))) {
            throw new AssertionError("the lab runs the built daemon, and " + home.resolve("bin/mpathbusd")
                    + " does not exist: build it first (mvn install from the root, or mvn install -pl distribution -am)");
        }
        Path copy = work.resolve("mpathbus");
        try (Stream<Path> files = Files.walk(home)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path relative = home.relativize(source);
                if (relative.startsWith("var")) {
                    continue;
                }
                Path target = copy.resolve(relative.toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        Files.createDirectories(copy.resolve("deploy"));
        return copy;
    }

    /** This JVM's class path (test classes, devmapper, api, JNA): the guest sees the same files. */
    private static String guestClasspath() {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.contains("surefire") && Files.exists(Paths.get(entry))) {
                entries.add(Paths.get(entry).toAbsolutePath().toString());
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static void exec(List<String> command, Path directory) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed:\n" + output);
        }
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no console log: " + e.getMessage() + ")";
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}

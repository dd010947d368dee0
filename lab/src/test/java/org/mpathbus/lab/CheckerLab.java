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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The path checkers' guest: boots like {@link KernelLab} (same initramfs builder, init and labctl.py) but
 * runs src/test/guest/checkers.sh, in a work directory of its own (target/lab-checkers), once per test JVM.
 * A separate boot because the checker scenarios fault paths (offline, timeouts, deletion) that the main
 * suite's verdicts must not see.
 */
final class CheckerLab {

    private static final long RUN_TIMEOUT_MINUTES = Long.getLong("lab.timeout.minutes", 20);

    private static LabRun run;
    private static AssertionError failure;

    private CheckerLab() {
    }

    static synchronized LabRun run() {
        if (failure != null) {
            throw failure;
        }
        if (run == null) {
            try {
                run = boot();
            } catch (IOException | InterruptedException e) {
                failure = new AssertionError("the checker lab could not run: " + e, e);
                throw failure;
            } catch (AssertionError e) {
                failure = e;
                throw e;
            }
        }
        return run;
    }

    private static LabRun boot() throws IOException, InterruptedException {
        for (String program : List.of("/usr/bin/qemu-system-x86_64", "/usr/sbin/multipathd", "/usr/bin/sg_turs",
                "/usr/bin/taskset", "/usr/bin/python3")) {
            if (!Files.isExecutable(Paths.get(program))) {
                throw new AssertionError("the checker lab needs " + program + ": apt-get install -y --no-install-recommends "
                        + "qemu-system-x86 multipath-tools sg3-utils util-linux python3 busybox-static udev dbus cpio kmod "
                        + "linux-image-amd64");
            }
        }
        String kernel = System.getProperty("lab.kernel.version", "");
        if (kernel.isEmpty()) {
            kernel = newestKernel();
        }
        Path work = Paths.get(System.getProperty("lab.work.dir", "target/lab")).toAbsolutePath().resolveSibling("lab-checkers");
        Path guest = Paths.get(System.getProperty("lab.guest.dir", "src/test/guest")).toAbsolutePath();
        Path out = work.resolve("out");
        deleteTree(work);
        Files.createDirectories(out);
        Path daemon = snapshotDaemon(work);
        Path initrd = work.resolve("initrd.gz");
        Process build = new ProcessBuilder("bash", guest.resolve("mkinitramfs.sh").toString(), kernel, initrd.toString())
                .directory(work.toFile()).redirectErrorStream(true).start();
        String buildOutput = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (build.waitFor() != 0) {
            throw new AssertionError("mkinitramfs.sh failed:\n" + buildOutput);
        }
        Files.writeString(out.resolve("lab.env"), String.join("\n",
                "LAB_HOME=" + daemon,
                "LAB_GUEST=" + guest,
                "LAB_CLASSPATH=" + guestClasspath(),
                "LAB_BENCHMARKS=" + Boolean.parseBoolean(System.getProperty("lab.benchmarks", "true")), ""));
        Path console = work.resolve("console.log");
        List<String> qemu = List.of("qemu-system-x86_64", "-accel", "tcg,thread=multi", "-cpu", "max", "-m", "2048",
                "-smp", "2", "-nographic", "-no-reboot", "-monitor", "none", "-nic", "none",
                "-kernel", "/boot/vmlinuz-" + kernel, "-initrd", initrd.toString(),
                "-append", "console=ttyS0 quiet panic=-1 lab.script=" + guest.resolve("checkers.sh"),
                "-virtfs", "local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap",
                "-virtfs", "local,path=" + out + ",mount_tag=labout,security_model=none,multidevs=remap");
        System.out.println("[lab] booting " + kernel + " for the checker scenarios; console: " + console);
        long start = System.nanoTime();
        Process process = new ProcessBuilder(qemu).redirectErrorStream(true).redirectOutput(console.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        if (!process.waitFor(RUN_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the checker lab guest did not finish within " + RUN_TIMEOUT_MINUTES
                    + " minutes; the console's last lines:\n" + KernelLab.tail(console, 40));
        }
        LabRun result = new LabRun(out, console, (System.nanoTime() - start) / 1e9);
        if (!result.stepReached("done")) {
            throw new AssertionError("the checker lab guest stopped before its script ended (steps: "
                    + result.stepNames() + "); the console's last lines:\n" + KernelLab.tail(console, 60));
        }
        System.out.printf("[lab] checker guest finished in %.1f s%n", result.hostSeconds());
        return result;
    }

    private static String newestKernel() throws IOException {
        try (Stream<Path> boot = Files.list(Paths.get("/boot"))) {
            return boot.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("vmlinuz-"))
                    .map(n -> n.substring("vmlinuz-".length()))
                    .filter(v -> Files.isDirectory(Paths.get("/lib/modules", v, "kernel/drivers/md")))
                    .sorted().reduce((a, b) -> b)
                    .orElseThrow(() -> new AssertionError("no /boot/vmlinuz-* with its modules: apt-get install linux-image-amd64"));
        }
    }

    /** A copy of the built daemon: the guest edits its etc/ (checker settings) without touching the build. */
    private static Path snapshotDaemon(Path work) throws IOException {
        Path home = Paths.get(System.getProperty("lab.daemon.home", "../distribution/target/mpathbus")).toAbsolutePath()
                .normalize();
        if (!Files.isExecutable(home.resolve("bin/mpathbusd"))) {
            throw new AssertionError(home.resolve("bin/mpathbusd") + " does not exist: build the distribution first");
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

    private static String guestClasspath() {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.contains("surefire") && Files.exists(Paths.get(entry))) {
                entries.add(Paths.get(entry).toAbsolutePath().toString());
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static void deleteTree(Path root) throws IOException {
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

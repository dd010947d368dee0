package org.mpathbus.config.internal;

import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real `multipath -t` of the installed multipath-tools on a given configuration. The files are
 * placed in /etc through an overlay in a private mount namespace (unshare -m), so the machine's own /etc
 * is never touched. Needs root, util-linux's unshare and the multipath-tools package; fails loudly naming
 * what is missing.
 */
final class MultipathTools {

    /** What multipath -t printed (the effective configuration) and logged (warnings with file and line). */
    record Output(String config, String log) {
    }

    private MultipathTools() {
    }

    static void requireInstalled() {
        if (!Files.isExecutable(Path.of("/usr/sbin/multipath")) && !Files.isExecutable(Path.of("/sbin/multipath"))) {
            fail("multipath(8) not found: install the multipath-tools package "
                    + "(apt-get install --no-install-recommends multipath-tools) to compare with the real parser");
        }
        if (!Files.isExecutable(Path.of("/usr/bin/unshare"))) {
            fail("unshare(1) not found: install util-linux");
        }
    }

    /**
     * @param mainConf the text of /etc/multipath.conf, or null for no such file
     * @param confD file name to text for /etc/multipath/conf.d
     */
    static Output showConfig(Path work, String mainConf, Map<String, String> confD) throws IOException, InterruptedException {
        requireInstalled();
        Path etc = Files.createDirectories(work.resolve("mt-etc"));
        Path overlay = Files.createDirectories(work.resolve("mt-overlay"));
        Path dir = Files.createDirectories(etc.resolve("conf.d"));
        if (mainConf != null) {
            Files.writeString(etc.resolve("multipath.conf"), mainConf, StandardCharsets.ISO_8859_1);
        }
        for (Map.Entry<String, String> e : confD.entrySet()) {
            Files.writeString(dir.resolve(e.getKey()), e.getValue(), StandardCharsets.ISO_8859_1);
        }
        String script = String.join("\n",
                "set -e",
                "mount --make-rprivate /",
                "t='" + overlay + "'",
                "mount -t tmpfs none \"$t\"",
                "mkdir \"$t/u\" \"$t/w\"",
                "mount -t overlay overlay -o lowerdir=/etc,upperdir=\"$t/u\",workdir=\"$t/w\" /etc",
                "rm -rf /etc/multipath.conf /etc/multipath",
                "mkdir -p /etc/multipath/conf.d",
                "if [ -f '" + etc.resolve("multipath.conf") + "' ]; then cp '" + etc.resolve("multipath.conf")
                        + "' /etc/multipath.conf; fi",
                "for f in '" + dir + "'/*.conf; do if [ -f \"$f\" ]; then cp \"$f\" /etc/multipath/conf.d/; fi; done",
                "exec multipath -v3 -t");
        Path out = work.resolve("mt.out");
        Path err = work.resolve("mt.err");
        Process p = new ProcessBuilder(List.of("unshare", "-m", "sh", "-c", script))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("multipath -t did not finish within 60 s");
        }
        String log = Files.readString(err);
        if (p.exitValue() != 0) {
            fail("multipath -t failed (exit " + p.exitValue() + "); needs root and overlayfs: " + log);
        }
        return new Output(Files.readString(out), log);
    }
}

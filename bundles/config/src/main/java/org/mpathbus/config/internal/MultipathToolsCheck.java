package org.mpathbus.config.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.mpathbus.config.ConfigEditException;
import org.mpathbus.config.ConfigEditException.Kind;
import org.mpathbus.config.ConfigEditor;

/**
 * Has the installed {@code multipath -t} read the candidate where it will be. multipath 0.9.4 takes no other
 * configuration file, so it runs in a private mount namespace ({@code unshare --mount}) in which a staging
 * directory (config_dir's other *.conf files and the candidate) is bind-mounted over config_dir: the machine's
 * files are never touched and multipathd sees nothing. 0.9.4 prints every error on stderr as
 * "file line N, message" and still exits 0, so a line that names the drop-in refuses the change.
 */
final class MultipathToolsCheck implements CandidateCheck {

    private static final int MAX_STDERR_BYTES = 64 * 1024;
    private static final List<Path> MULTIPATH = List.of(Path.of("/usr/sbin/multipath"), Path.of("/sbin/multipath"));
    private static final Path UNSHARE = Path.of("/usr/bin/unshare");

    private final Path multipath;

    private MultipathToolsCheck(Path multipath) {
        this.multipath = multipath;
    }

    /** The check where multipath-tools and util-linux are installed and the daemon runs as root, else NONE. */
    static CandidateCheck ifInstalled() {
        if (!"root".equals(System.getProperty("user.name")) || !Files.isExecutable(UNSHARE)) {
            return NONE;
        }
        return MULTIPATH.stream().filter(Files::isExecutable).findFirst()
                .<CandidateCheck>map(MultipathToolsCheck::new).orElse(NONE);
    }

    @Override
    public void check(Path configDir, String text, Duration timeout) throws ConfigEditException, InterruptedException {
        Path staging = null;
        try {
            staging = Files.createTempDirectory("mpathbus-check-", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            try (DirectoryStream<Path> confs = Files.newDirectoryStream(configDir, "*.conf")) {
                for (Path conf : confs) {
                    if (!conf.getFileName().toString().equals(ConfigEditor.DROP_IN_NAME) && Files.isRegularFile(conf)) {
                        Files.copy(conf, staging.resolve(conf.getFileName()));
                    }
                }
            }
            Files.writeString(staging.resolve(ConfigEditor.DROP_IN_NAME), text, StandardCharsets.ISO_8859_1);
            run(configDir, staging, timeout);
        } catch (IOException e) {
            throw new ConfigEditException(Kind.FAILED, "cannot check the change with " + multipath + " -t: " + e
                    + " (nothing written)");
        } finally {
            delete(staging);
        }
    }

    private void run(Path configDir, Path staging, Duration timeout)
            throws IOException, ConfigEditException, InterruptedException {
        Process process = new ProcessBuilder(UNSHARE.toString(), "--mount", "--propagation", "private", "sh", "-c",
                "mount --bind \"$1\" \"$2\" && exec \"$3\" -t", "sh", staging.toString(), configDir.toString(),
                multipath.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        process.getOutputStream().close();
        byte[] stderr;
        try (InputStream err = process.getErrorStream()) {
            stderr = err.readNBytes(MAX_STDERR_BYTES);
        }
        if (!process.waitFor(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new ConfigEditException(Kind.TIMEOUT, multipath + " -t did not finish checking the change in time "
                    + "(nothing written)");
        }
        String dropIn = configDir.resolve(ConfigEditor.DROP_IN_NAME).toString();
        List<String> errors = new ArrayList<>();
        for (String line : new String(stderr, StandardCharsets.ISO_8859_1).split("\n")) {
            // "26462.811027 | /etc/multipath/conf.d/mpathbus.conf line 3, invalid keyword ...": the words after '|'
            String words = line.contains(" | ") ? line.substring(line.indexOf(" | ") + 3) : line;
            if (words.contains(dropIn) || (process.exitValue() != 0 && !words.isBlank())) {
                errors.add(words.strip());
            }
        }
        if (!errors.isEmpty()) {
            throw new ConfigEditException(Kind.INVALID, "multipath -t: " + String.join("; ", errors)
                    + " (nothing written)");
        }
    }

    private static void delete(Path staging) {
        if (staging == null) {
            return;
        }
        try (Stream<Path> all = Files.walk(staging)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.getLogger(MultipathToolsCheck.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot remove the staging directory {0}: {1}", staging, e);
        }
    }
}

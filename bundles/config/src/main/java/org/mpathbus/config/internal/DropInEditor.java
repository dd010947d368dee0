package org.mpathbus.config.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import org.mpathbus.config.ConfigChange;
import org.mpathbus.config.ConfigEditException;
import org.mpathbus.config.ConfigEditException.Kind;
import org.mpathbus.config.ConfigEditor;
import org.mpathbus.config.ConfigProblem;
import org.mpathbus.config.MultipathConfig;
import org.mpathbus.config.MultipathConfiguration;

/**
 * The one writer of the drop-in: each change is read, edited, checked (this bundle's parser, then the
 * candidate check), written, loaded and applied, under one fair lock, within one deadline. A quarter of the
 * time (at most {@link #RESTORE_RESERVE}) is kept back for putting the previous file back when applying fails.
 */
final class DropInEditor implements ConfigEditor {

    static final int MAX_ENTRIES = 512;
    static final Duration RESTORE_RESERVE = Duration.ofSeconds(5);

    private static final Logger LOG = System.getLogger(DropInEditor.class.getName());

    private final MultipathConfiguration configuration;
    private final CandidateCheck check;
    private final ReentrantLock writer = new ReentrantLock(true);

    private final Function<Path, DropInFile> files;

    DropInEditor(MultipathConfiguration configuration, CandidateCheck check) {
        this(configuration, check, DropInFile::new);
    }

    DropInEditor(MultipathConfiguration configuration, CandidateCheck check, Function<Path, DropInFile> files) {
        this.configuration = configuration;
        this.check = check;
        this.files = files;
    }

    @Override
    public Path dropInFile() {
        return configuration.current().configDir().resolve(DROP_IN_NAME).toAbsolutePath();
    }

    @Override
    public MultipathConfig change(ConfigChange change, Duration timeout, Applier applier)
            throws ConfigEditException, InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        if (!writer.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new ConfigEditException(Kind.BUSY, change.describe() + ": another configuration change held the "
                    + "drop-in for the whole " + timeout.toMillis() + " ms; try again");
        }
        try {
            return changeLocked(change, end, applier);
        } finally {
            writer.unlock();
        }
    }

    private MultipathConfig changeLocked(ConfigChange change, long end, Applier applier)
            throws ConfigEditException, InterruptedException {
        Optional<ConfigProblem> broken = configuration.lastError();
        if (broken.isPresent()) {
            throw new ConfigEditException(Kind.FAILED, "the multipath configuration does not load (" + broken.get()
                    + "): fix it before changing it through mpathbus");
        }
        MultipathConfig before = configuration.current();
        DropInFile file = files.apply(before.configDir().resolve(DROP_IN_NAME));
        String oldText;
        DropIn next;
        try {
            file.prepareDirectory();
            oldText = file.read();
            DropIn old = oldText == null ? DropIn.EMPTY : DropIn.read(oldText, file.path().toString());
            next = DropInEdits.apply(old, change, before);
        } catch (IOException e) {
            throw new ConfigEditException(Kind.FAILED, "cannot " + change.describe() + ": " + e.getMessage());
        }
        if (next.entries() > MAX_ENTRIES) {
            throw new ConfigEditException(Kind.INVALID, "the drop-in would hold " + next.entries()
                    + " entries; mpathbus keeps it to " + MAX_ENTRIES + " (nothing written)");
        }
        String text = next.render();
        if (text.length() > DropInFile.MAX_BYTES) {
            throw new ConfigEditException(Kind.INVALID, "the drop-in would be " + text.length() + " bytes; mpathbus "
                    + "keeps it to " + DropInFile.MAX_BYTES + " (nothing written)");
        }
        DropInCheck.check(text, file.path().toString());
        check.check(file.path().getParent(), text, remaining(end));
        try {
            file.write(text);
        } catch (IOException e) {
            throw new ConfigEditException(Kind.FAILED, "cannot write " + file.path() + ": " + e.getMessage()
                    + " (the previous file is unchanged)");
        }
        LOG.log(Level.INFO, "{0}: wrote {1}", change.describe(), file.path());
        MultipathConfig loaded;
        try {
            loaded = load(file);
            Duration reserve = min(RESTORE_RESERVE, remaining(end).dividedBy(4));
            applier.apply(loaded, remaining(end).minus(reserve), false);
        } catch (ConfigEditException e) {
            throw new ConfigEditException(e.kind(), e.getMessage() + "; " + restore(file, oldText, end, applier));
        }
        return loaded;
    }

    private MultipathConfig load(DropInFile file) throws ConfigEditException {
        Optional<ConfigProblem> error = configuration.reload();
        if (error.isPresent()) {
            throw new ConfigEditException(Kind.FAILED, "the configuration with the new " + file.path()
                    + " does not load: " + error.get());
        }
        return configuration.current();
    }

    /** Puts the previous file back and applies it; says how that went. */
    private String restore(DropInFile file, String oldText, long end, Applier applier) throws InterruptedException {
        try {
            file.write(oldText);
        } catch (IOException e) {
            LOG.log(Level.ERROR, "cannot restore {0}: {1}", file.path(), e.getMessage());
            return "the previous configuration could NOT be restored: " + e.getMessage();
        }
        try {
            applier.apply(load(file), remaining(end), true);
        } catch (ConfigEditException e) {
            return "previous configuration restored in " + file.path() + " but not confirmed in force: "
                    + e.getMessage();
        }
        return "previous configuration restored";
    }

    private static Duration remaining(long end) {
        return Duration.ofNanos(Math.max(0, end - System.nanoTime()));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}

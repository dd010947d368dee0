package org.mpathbus.config.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.mpathbus.config.ConfigProblem;
import org.mpathbus.config.MultipathConfig;
import org.mpathbus.config.MultipathConfigListener;

/**
 * Holds the configuration in force and replaces it when the files change. A load that fails leaves the
 * previous configuration in force and becomes the last error; the next good load clears it. Changes are
 * noticed by comparing the files' modification times and sizes, which the caller polls with
 * {@link #checkForChanges()}. Thread-safe; loads are serialized.
 */
final class ConfigReloader {

    private static final Logger LOG = System.getLogger(ConfigReloader.class.getName());

    /** Guarded by this (read by the fingerprint, which runs under the lock too). */
    private ConfigLoader.Locations locations;
    private final Supplier<List<MultipathConfigListener>> listeners;
    private volatile ConfigSnapshot current = ConfigLoader.builtin();
    private volatile Optional<ConfigProblem> lastError = Optional.empty();
    private List<String> fingerprint = List.of();

    ConfigReloader(ConfigLoader.Locations locations, Supplier<List<MultipathConfigListener>> listeners) {
        this.locations = locations;
        this.listeners = listeners;
    }

    MultipathConfig current() {
        return current;
    }

    Optional<ConfigProblem> lastError() {
        return lastError;
    }

    /**
     * Reads from other locations from now on (the service's configuration changed) and loads them at once; the
     * generations go on, so whoever holds a generation sees the change.
     */
    synchronized Optional<ConfigProblem> relocate(ConfigLoader.Locations next) {
        locations = next;
        return reload();
    }

    /** Reloads when any watched file changed since the last load; returns true when it reloaded. */
    synchronized boolean checkForChanges() {
        if (fingerprint().equals(fingerprint)) {
            return false;
        }
        reload();
        return true;
    }

    /** Loads the files now; on success the new configuration is in force and the listeners hear of it. */
    synchronized Optional<ConfigProblem> reload() {
        fingerprint = fingerprint();
        ConfigSnapshot loaded;
        try {
            loaded = ConfigLoader.load(locations);
        } catch (ConfigSyntaxException e) {
            lastError = Optional.of(e.problem());
            LOG.log(Level.ERROR, "multipath configuration not applied, generation {0} stays in force: {1}",
                    current.generation(), e.problem());
            return lastError;
        }
        ConfigSnapshot previous = current;
        List<String> changes = ConfigDiff.between(previous, loaded);
        lastError = Optional.empty();
        if (changes.isEmpty() && previous.generation() > 0) {
            fingerprint = fingerprint();
            return lastError;
        }
        current = loaded.withGeneration(previous.generation() + 1);
        fingerprint = fingerprint();
        loaded.warnings().forEach(w -> LOG.log(Level.WARNING, "{0}", w));
        LOG.log(Level.INFO, "multipath configuration generation {0} from {1}{2}", current.generation(),
                current.configFiles().isEmpty() ? "built-in defaults" : current.configFiles(),
                changes.isEmpty() ? "" : ": " + String.join("; ", changes));
        for (MultipathConfigListener listener : listeners.get()) {
            try {
                listener.configurationChanged(previous, current, changes);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "configuration listener " + listener + " failed", e);
            }
        }
        return lastError;
    }

    /** Modification time and size of every file that takes part, and the list of config_dir. */
    private List<String> fingerprint() {
        Set<Path> watched = new LinkedHashSet<>();
        watched.add(locations.configFile());
        watched.add(locations.configDir());
        current.configFiles().forEach(f -> watched.add(Path.of(f)));
        watched.add(Path.of(current.defaults().value("bindings_file").isEmpty() ? locations.bindingsFile().toString()
                : current.defaults().value("bindings_file")));
        watched.add(Path.of(current.defaults().value("wwids_file").isEmpty() ? locations.wwidsFile().toString()
                : current.defaults().value("wwids_file")));
        watched.add(locations.bindingsFile());
        watched.add(locations.wwidsFile());
        String configuredDir = current.defaults().value("config_dir");
        Path configDir = configuredDir.isEmpty() ? locations.configDir() : Path.of(configuredDir);
        watched.add(configDir);
        try {
            watched.addAll(ConfigLoader.confFiles(configDir));
        } catch (ConfigSyntaxException e) {
            // an unreadable directory shows up when the load itself fails
        }
        List<String> stamps = new ArrayList<>();
        for (Path p : watched) {
            stamps.add(p + " " + stamp(p));
        }
        return stamps;
    }

    private static String stamp(Path p) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            return a.lastModifiedTime().toInstant() + " " + a.size();
        } catch (IOException e) {
            return "absent";
        }
    }
}

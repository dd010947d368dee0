package org.mpathbus.config;

import java.util.Optional;

import org.mpathbus.api.Path;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The service that reads multipath.conf and keeps it current. Each successful reload replaces the
 * {@link #current() snapshot}; a broken file leaves the previous snapshot in force and shows up as
 * {@link #lastError()}. Consumers that must notice reloads register a {@link MultipathConfigListener}
 * or compare {@link MultipathConfig#generation()}.
 */
@ProviderType
public interface MultipathConfiguration {

    /** The configuration in force: the last one that loaded without error. Never null. */
    MultipathConfig current();

    /**
     * The error of the latest load attempt ("file:line: message"), empty when that attempt succeeded. While
     * it is present, {@link #current()} is the previous good configuration (the built-in one if none loaded).
     */
    Optional<ConfigProblem> lastError();

    /** Reads the files again now, whether or not they changed; returns the error, if any, as lastError does. */
    Optional<ConfigProblem> reload();

    /** Shorthand for {@code current().settingsFor(path)}. */
    default EffectiveSettings settingsFor(Path path) {
        return current().settingsFor(PathDescription.of(path));
    }

    /** Shorthand for {@code current().blacklisted(path)}. */
    default BlacklistVerdict blacklisted(Path path) {
        return current().blacklisted(PathDescription.of(path));
    }
}

package org.mpathbus.shell.internal;

import java.util.function.Function;

import org.mpathbus.api.Path;

/**
 * The blacklist verdicts of multipath.conf, as the shell shows them: a service inside the shell bundle
 * ({@link MultipathConfigBlacklist}) present only while the configuration bundle's service is, so that the
 * commands need none of that bundle's types.
 */
public interface BlacklistLookup {

    /** For each path, the rule that blacklists it with its origin, "" when none; one configuration throughout. */
    Function<Path, String> forCurrentConfiguration();
}

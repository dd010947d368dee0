package org.mpathbus.config;

import java.nio.file.Path;
import java.time.Duration;

import org.osgi.annotation.versioning.ConsumerType;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Changes the multipath configuration through one drop-in file that mpathbus owns ({@value #DROP_IN_NAME} in
 * the effective config_dir), never the admin's multipath.conf. One writer: calls are served one at a time.
 * Each change is checked by this bundle's parser (and by {@code multipath -t} where multipath-tools is
 * installed) before anything is written, written atomically, loaded, and then handed to the caller's
 * {@link Applier} (multipathd's reconfigure and a wait for its effect); when that fails, the previous file
 * comes back and is applied again.
 */
@ProviderType
public interface ConfigEditor {

    /** The drop-in's file name; *.conf files of config_dir are read in alphabetical order. */
    String DROP_IN_NAME = "mpathbus.conf";

    /** Where the drop-in is, in the configuration in force. */
    Path dropInFile();

    /**
     * Makes {@code change} within {@code timeout} (waiting for the writer included) and returns the configuration
     * that shows it.
     *
     * @throws ConfigEditException with the refusal; after {@link ConfigEditException.Kind#TIMEOUT} or
     *         {@link ConfigEditException.Kind#FAILED} of the applier the message ends "previous configuration
     *         restored" (or says why it could not be)
     */
    MultipathConfig change(ConfigChange change, Duration timeout, Applier applier)
            throws ConfigEditException, InterruptedException;

    /** Puts a written and loaded configuration in force, such as by multipathd's reconfigure. */
    @ConsumerType
    @FunctionalInterface
    interface Applier {
        /**
         * @param loaded the configuration as this bundle loaded it after the write
         * @param remaining what is left of the change's time
         * @param restoring true when the previous file is being put back after a failure
         * @throws ConfigEditException when it was not put in force (TIMEOUT or FAILED, saying why)
         */
        void apply(MultipathConfig loaded, Duration remaining, boolean restoring)
                throws ConfigEditException, InterruptedException;
    }
}

/**
 * The multipath configuration as multipath-tools reads it: /etc/multipath.conf and the *.conf files of
 * its config_dir, the built-in hardware table and blacklist of multipath-tools 0.9.4, the bindings and
 * wwids files. {@link org.mpathbus.config.MultipathConfiguration} is the service; each reload yields a new
 * immutable {@link org.mpathbus.config.MultipathConfig} snapshot with a higher generation.
 */
@Export
@Version("1.2.0")
package org.mpathbus.config;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

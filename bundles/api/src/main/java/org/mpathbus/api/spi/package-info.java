/**
 * Service provider interfaces: where the topology comes from ({@link org.mpathbus.api.spi.MultipathSource}),
 * who checks paths ({@link org.mpathbus.api.spi.PathChecker}), and who hears about changes
 * ({@link org.mpathbus.api.spi.TopologyListener}). All three are whiteboard services.
 */
@Export
@Version("1.1.0")
package org.mpathbus.api.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

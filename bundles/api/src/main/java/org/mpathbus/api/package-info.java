/**
 * The multipath model: immutable {@link org.mpathbus.api.Topology} snapshots of maps, path groups and
 * paths, each path carrying both the kernel's view (dm state) and the checker's view, never merged.
 */
@Export
@Version("1.3.0")
package org.mpathbus.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

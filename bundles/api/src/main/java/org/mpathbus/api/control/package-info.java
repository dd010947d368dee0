/**
 * Acting on maps and paths: {@link org.mpathbus.api.control.MultipathControl}, carried out by whoever owns the
 * maps (multipathd on a real machine, the simulator elsewhere), and its typed {@link
 * org.mpathbus.api.control.Outcome}. A package of its own, so readers of the model keep importing theirs
 * unchanged. Also what the owner says about itself ({@link org.mpathbus.api.control.MultipathdMonitor}).
 */
@Export
@Version("1.1.0")
package org.mpathbus.api.control;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

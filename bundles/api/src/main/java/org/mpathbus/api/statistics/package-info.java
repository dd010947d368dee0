/**
 * What the engine's path checks have done ({@link org.mpathbus.api.statistics.CheckStatistics}): checks run
 * and timed out per checker, and each path's last answered check; and how often each path and map changed
 * state ({@link org.mpathbus.api.statistics.TransitionStatistics}). A package of its own, so the model's
 * package keeps its version.
 */
@Export
@Version("1.1.0")
package org.mpathbus.api.statistics;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

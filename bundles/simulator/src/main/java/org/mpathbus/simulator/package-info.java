/**
 * Fault injection into the simulated SAN, for the shell, tests, demos and benchmarks: what happens to the
 * SAN and its host, as opposed to what an administrator has multipathd do (the simulator's
 * {@link org.mpathbus.api.control.MultipathControl}).
 */
@Export
@Version("1.1.0")
package org.mpathbus.simulator;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

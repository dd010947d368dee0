/**
 * Fault injection into the simulated SAN, for the shell, tests, demos and benchmarks.
 */
@Export
@Version("1.0.0")
package org.mpathbus.simulator;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

/** Helpers the tests of every module share; no code of the daemon uses them. */
@Export
@Version("1.0.0")
package org.mpathbus.testing;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

/**
 * Ordered topology events. The engine numbers every event with a sequence number that grows by one for
 * each event across the whole daemon, so a listener sees a fast flap (failed, reinstated) as two events
 * and can tell that it missed none.
 */
@Export
@Version("1.0.0")
package org.mpathbus.api.event;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

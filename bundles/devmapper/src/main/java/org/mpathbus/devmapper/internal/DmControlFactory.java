package org.mpathbus.devmapper.internal;

import java.io.IOException;

/** Opens the control device; a seam so the event loop can be tested without a kernel. */
@FunctionalInterface
interface DmControlFactory {
    DmControl open() throws IOException;
}

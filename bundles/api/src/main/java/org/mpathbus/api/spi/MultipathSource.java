package org.mpathbus.api.spi;

import java.io.IOException;

import org.mpathbus.api.SourceState;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Where the kernel's view comes from: device-mapper on a real machine, the simulator elsewhere. A source
 * is passive until the engine watches it; the engine uses the one whose {@value #SOURCE_NAME} property
 * the daemon was told to use.
 */
@ConsumerType
public interface MultipathSource {

    /** Service property naming the source: "devmapper", "simulator". */
    String SOURCE_NAME = "source.name";

    /** Reads the complete current state; blocks while it reads. */
    SourceState read() throws IOException;

    /**
     * Starts telling {@code listener} about every change until the returned handle is closed. Each call
     * to the listener carries a complete state; unchanged maps may be the very same instances as before.
     */
    AutoCloseable watch(SourceListener listener) throws IOException;
}

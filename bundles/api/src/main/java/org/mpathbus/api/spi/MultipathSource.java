package org.mpathbus.api.spi;

import java.io.IOException;

import org.mpathbus.api.SourceState;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Where the kernel's view comes from: device-mapper on a real machine, the simulator elsewhere. A source
 * is passive until the engine watches it; the engine uses the one whose {@value #SOURCE_NAME} property
 * the daemon was told to use, and beside it every source registered with {@value #JOINS} true.
 */
@ConsumerType
public interface MultipathSource {

    /** Service property naming the source: {@value #DEVMAPPER}, {@value #SIMULATOR}. */
    String SOURCE_NAME = "source.name";

    /** The {@value #SOURCE_NAME} of the running kernel's device-mapper. */
    String DEVMAPPER = "devmapper";

    /** The {@value #SOURCE_NAME} of the built-in SAN simulator. */
    String SIMULATOR = "simulator";

    /** The {@value #SOURCE_NAME} of the kernel's NVMe native multipath. */
    String NVME = "nvme";

    /**
     * Service property: {@code true} for a source whose maps join those of the source the engine is told to
     * use, rather than replace them (NVMe native multipath beside dm-multipath). The engine reads every such
     * source that runs here.
     */
    String JOINS = "source.joins";

    /**
     * Whether the source can read anything on this machine as the daemon runs (device-mapper: the kernel's
     * control node exists and the daemon may open it). The engine asks when it is told to take whichever
     * source runs here ("auto"); a source that always runs keeps this default.
     */
    default boolean runsHere() {
        return true;
    }

    /** Reads the complete current state; blocks while it reads. */
    SourceState read() throws IOException;

    /**
     * Starts telling {@code listener} about every change until the returned handle is closed. Each call
     * to the listener carries a complete state; unchanged maps may be the very same instances as before.
     */
    AutoCloseable watch(SourceListener listener) throws IOException;
}

package org.mpathbus.api.spi;

import org.mpathbus.api.SourceState;
import org.osgi.annotation.versioning.ProviderType;

/** Receives a source's changes. Implemented by the engine; a source calls it from its own thread. */
@ProviderType
public interface SourceListener {

    /** The source's state changed; {@code state} is complete. Must not block. */
    void stateChanged(SourceState state);

    /** The source cannot currently read the kernel; the last good state stays in force. */
    void sourceFailed(String message);
}

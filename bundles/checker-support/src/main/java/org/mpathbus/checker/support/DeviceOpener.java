package org.mpathbus.checker.support;

import org.mpathbus.api.Path;

/**
 * Opens and closes what a checker keeps per path. The real one opens device nodes; tests count calls.
 *
 * @param <D> the per-path resource, such as an open device with its native buffers
 */
public interface DeviceOpener<D> {

    D open(Path path) throws ErrnoException;

    void close(D device);

    /** Whether the path's block device still exists, which tells "removed" from "down" after a failure. */
    boolean exists(Path path);
}

package org.mpathbus.api.control;

import java.util.function.Consumer;

import org.mpathbus.api.MultipathdState;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Reports what the owner of the maps says about itself (multipathd's {@code show daemon} and {@code show
 * status}), so that no consumer has to poll multipathd: the engine carries the report of the monitor whose
 * {@value #SOURCE_NAME} equals the source in use on every snapshot ({@link org.mpathbus.api.Topology#multipathd()}).
 * Implemented by the owners beside their {@link MultipathControl}; a monitor never blocks its caller while the
 * owner does not answer, and reports that as a state of its own.
 */
@ConsumerType
public interface MultipathdMonitor {

    /** Service property naming the source whose owner this monitor reports on. */
    String SOURCE_NAME = MultipathControl.SOURCE_NAME;

    /** The last report; never blocks. */
    MultipathdState current();

    /**
     * Calls {@code onChange} with every report that differs from the one before, from the monitor's own thread,
     * until the returned handle is closed; {@code onChange} must hand off at once.
     */
    AutoCloseable watch(Consumer<MultipathdState> onChange);
}

package org.mpathbus.exporter.dbus.spi;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.mpathbus.api.Topology;

/**
 * One authorized method call, as the exporter hands it to a {@link BusInterface}.
 *
 * @param objectPath the object called
 * @param member the method
 * @param arguments the arguments before the trailing a{sv} options, in order
 * @param options the trailing a{sv} argument (empty when the method has none)
 * @param caller who called
 * @param topology the snapshot the exported objects showed when the call came, in which {@code objectPath}
 *        was found
 * @param deadlineNanos the {@link System#nanoTime()} at which the call's one deadline ends: it started when the
 *        call arrived, and its admission and polkit have had their part of it already
 */
public record BusCall(String objectPath, String member, List<Object> arguments, Map<String, Object> options,
        Caller caller, Topology topology, long deadlineNanos) {

    /** How long a call made without a deadline of the exporter's has: {@link #DEFAULT_TIMEOUT} from now. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public BusCall {
        arguments = List.copyOf(arguments);
        options = Map.copyOf(options);
    }

    /** A call whose deadline ends {@link #DEFAULT_TIMEOUT} from now. */
    public BusCall(String objectPath, String member, List<Object> arguments, Map<String, Object> options,
            Caller caller, Topology topology) {
        this(objectPath, member, arguments, options, caller, topology,
                System.nanoTime() + DEFAULT_TIMEOUT.toNanos());
    }

    /** What is left of the call's deadline, never negative. */
    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }
}

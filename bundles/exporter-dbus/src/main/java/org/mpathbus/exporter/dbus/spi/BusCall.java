package org.mpathbus.exporter.dbus.spi;

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
 */
public record BusCall(String objectPath, String member, List<Object> arguments, Map<String, Object> options,
        Caller caller, Topology topology) {

    public BusCall {
        arguments = List.copyOf(arguments);
        options = Map.copyOf(options);
    }
}

package org.mpathbus.api.spi;

import java.util.List;

import org.mpathbus.api.Topology;
import org.mpathbus.api.event.TopologyEvent;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Hears about changes (whiteboard: register it as a service). Each listener gets its calls one at a time
 * and in order; a slow or throwing listener delays only itself.
 */
@ConsumerType
public interface TopologyListener {

    /**
     * The topology changed. The first call after registration carries the current snapshot and no events;
     * each later call carries the new snapshot and the events that led to it, in sequence order.
     */
    void topologyChanged(Topology topology, List<TopologyEvent> events);
}

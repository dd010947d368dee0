package org.mpathbus.testing;

import java.util.ArrayList;
import java.util.List;

import org.mpathbus.api.Topology;
import org.mpathbus.api.TopologyService;
import org.mpathbus.api.event.TopologyEvent;

/** A TopologyService that answers with the snapshot and events a test gives it. */
public final class FixedTopologyService implements TopologyService {

    private volatile Topology topology;
    private final List<TopologyEvent> events = new ArrayList<>();

    public FixedTopologyService(Topology topology) {
        this.topology = topology;
    }

    /** The snapshot every later call answers with. */
    public void publish(Topology next) {
        topology = next;
    }

    public synchronized void addEvent(TopologyEvent event) {
        events.add(event);
    }

    @Override
    public Topology topology() {
        return topology;
    }

    @Override
    public synchronized List<TopologyEvent> recentEvents() {
        return List.copyOf(events);
    }

    @Override
    public Topology refresh() {
        return topology;
    }
}

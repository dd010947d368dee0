package org.mpathbus.itests;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.mpathbus.api.Topology;
import org.mpathbus.api.event.TopologyEvent;
import org.mpathbus.api.spi.TopologyListener;

/** A TopologyListener that keeps every call it gets, for the tests to inspect. */
public final class RecordingListener implements TopologyListener {

    /** One call: the snapshot and the events that came with it. */
    public record Call(Topology topology, List<TopologyEvent> events) {
    }

    private final List<Call> calls = new ArrayList<>();

    @Override
    public synchronized void topologyChanged(Topology topology, List<TopologyEvent> events) {
        calls.add(new Call(topology, List.copyOf(events)));
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Every event received, in the order received. */
    public synchronized List<TopologyEvent> events() {
        List<TopologyEvent> all = new ArrayList<>();
        for (Call call : calls) {
            all.addAll(call.events());
        }
        return all;
    }

    public synchronized Topology latest() {
        return calls.isEmpty() ? null : calls.get(calls.size() - 1).topology();
    }

    /** Events of the given type that match, in order. */
    public <E extends TopologyEvent> List<E> events(Class<E> type, Predicate<? super E> filter) {
        List<E> matching = new ArrayList<>();
        for (TopologyEvent event : events()) {
            if (type.isInstance(event) && filter.test(type.cast(event))) {
                matching.add(type.cast(event));
            }
        }
        return matching;
    }
}

package org.mpathbus.core.internal.listeners;

import java.util.List;

import org.mpathbus.api.event.MapAdded;
import org.mpathbus.api.event.MapChanged;
import org.mpathbus.api.event.MapFailed;
import org.mpathbus.api.event.MapRemoved;
import org.mpathbus.api.event.MapRestored;
import org.mpathbus.api.event.PolicyChanged;
import org.mpathbus.api.event.TopologyEvent;

/**
 * What waiting events hold on to, in units of about one path object: an event that names a path is one; an
 * event that carries a map version pins that version's paths as well, and MapChanged pins two versions, so a
 * burst that changes every map weighs with the paths it changed rather than with the event count.
 */
final class EventWeight {

    private EventWeight() {
    }

    static long of(TopologyEvent event) {
        if (event instanceof MapChanged changed) {
            return 1 + changed.before().pathCount() + changed.after().pathCount();
        }
        if (event instanceof MapAdded added) {
            return 1 + added.map().pathCount();
        }
        if (event instanceof MapRemoved removed) {
            return 1 + removed.map().pathCount();
        }
        if (event instanceof MapFailed failed) {
            return 1 + failed.map().pathCount();
        }
        if (event instanceof MapRestored restored) {
            return 1 + restored.map().pathCount();
        }
        if (event instanceof PolicyChanged policy) {
            return 1 + policy.map().pathCount();
        }
        return 1;
    }

    static long of(List<TopologyEvent> events) {
        long weight = 0;
        for (TopologyEvent event : events) {
            weight += of(event);
        }
        return weight;
    }
}

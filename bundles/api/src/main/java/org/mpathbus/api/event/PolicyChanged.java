package org.mpathbus.api.event;

import java.time.Instant;

import org.mpathbus.api.MultipathMap;

/**
 * How the map routes I/O changed.
 *
 * @param what one of "active_group" (I/O switched to another path group), "features", "queueing",
 *        "hardware_handler", "selector"
 */
public record PolicyChanged(long sequence, Instant timestamp, MultipathMap map, String what) implements TopologyEvent {

    public static final String ACTIVE_GROUP = "active_group";
    public static final String FEATURES = "features";
    public static final String QUEUEING = "queueing";
    public static final String HARDWARE_HANDLER = "hardware_handler";
    public static final String SELECTOR = "selector";

    @Override
    public String mapWwid() {
        return map.wwid();
    }
}

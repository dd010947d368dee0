package org.mpathbus.api.event;

import java.time.Instant;

import org.mpathbus.api.MultipathMap;

/** The map's last active path failed in the kernel: I/O now queues or errors. */
public record MapFailed(long sequence, Instant timestamp, MultipathMap map) implements TopologyEvent {
    @Override
    public String mapWwid() {
        return map.wwid();
    }
}

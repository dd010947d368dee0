package org.mpathbus.exporter.dbus.control.internal;

import java.util.function.Predicate;

import org.mpathbus.api.DmPathState;
import org.mpathbus.api.Path;
import org.mpathbus.api.Topology;

/**
 * What a call waits for once the owner answered OK, before it replies: a condition the exported objects come
 * to show, or, where the model carries no sign of the change, a re-read of the source after it.
 */
sealed interface Effect {

    /** In words, for the Timeout message: "the path's DmState reads failed". */
    String description();

    /** A condition on the snapshot the exported objects show. */
    record Shows(String description, Predicate<Topology> holds) implements Effect {
    }

    /**
     * The kernel announces the change with no dm event (a switched group, queueing), or the model cannot say
     * what it should show (a restored queueing that depends on the configuration, a resize): the source is read
     * again after the owner's OK and the call waits until that read is exported. multipathd changes the kernel
     * before it answers, so that read holds the change (a switch shows as the map's NextPathGroup).
     */
    record Reread(String description) implements Effect {
    }

    static Effect pathFailed(String path) {
        return new Shows("path " + path + "'s DmState reads failed", t -> dmState(t, path, DmPathState.FAILED));
    }

    static Effect pathActive(String path) {
        return new Shows("path " + path + "'s DmState reads active", t -> dmState(t, path, DmPathState.ACTIVE));
    }

    /** The path left its map (Map reads "/"), or left the exported objects altogether. */
    static Effect pathInNoMap(String path) {
        return new Shows("path " + path + " is in no map", t -> t.path(path).map(p -> !p.isMapped()).orElse(true));
    }

    static Effect deviceInAMap(String device) {
        return new Shows("device " + device + " is a path of a map", t -> t.path(device).filter(Path::isMapped)
                .flatMap(p -> t.map(p.mapWwid())).isPresent());
    }

    /** The map's object is gone (its InterfacesRemoved sent). */
    static Effect mapGone(String wwid, String name) {
        return new Shows("map " + name + " is gone", t -> t.map(wwid).isEmpty());
    }

    static Effect reread(String change) {
        return new Reread("the source re-read after " + change + " is exported");
    }

    private static boolean dmState(Topology topology, String path, DmPathState state) {
        return topology.path(path).map(p -> p.dmState() == state).orElse(false);
    }
}

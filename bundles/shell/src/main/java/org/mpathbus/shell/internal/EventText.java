package org.mpathbus.shell.internal;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.Path;
import org.mpathbus.api.event.MapAdded;
import org.mpathbus.api.event.MapChanged;
import org.mpathbus.api.event.MapFailed;
import org.mpathbus.api.event.MapRemoved;
import org.mpathbus.api.event.MapRestored;
import org.mpathbus.api.event.PathAdded;
import org.mpathbus.api.event.PathCheckerStateChanged;
import org.mpathbus.api.event.PathDmStateChanged;
import org.mpathbus.api.event.PathFailed;
import org.mpathbus.api.event.PathReinstated;
import org.mpathbus.api.event.PathRemoved;
import org.mpathbus.api.event.PolicyChanged;
import org.mpathbus.api.event.TopologyEvent;

/**
 * Topology events, one line each for a person ({@code #12 2026-11-24 07:10:33.123 path-failed mpatha sda
 * valid_paths=3}) or as JSON. Path events carry only their map's WWID, so the caller supplies the map
 * names it knows.
 */
final class EventText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    /** What one event says, independent of the output format. */
    record Line(String kind, String path, String detail) {
    }

    private final ZoneId zone;
    private final Function<String, String> mapNames;

    /** @param mapNames gives a map's name from its WWID, or null when the map is not known */
    EventText(ZoneId zone, Function<String, String> mapNames) {
        this.zone = zone;
        this.mapNames = mapNames;
    }

    String text(List<TopologyEvent> events) {
        if (events.isEmpty()) {
            return "no events yet\n";
        }
        Map<String, String> names = namesInEvents(events);
        StringBuilder out = new StringBuilder();
        for (TopologyEvent event : events) {
            Line line = describe(event);
            out.append('#').append(event.sequence()).append(' ').append(TIME.format(event.timestamp().atZone(zone)))
                    .append(' ').append(line.kind()).append(' ').append(mapName(event, names));
            if (!line.path().isEmpty()) {
                out.append(' ').append(line.path());
            }
            if (!line.detail().isEmpty()) {
                out.append(' ').append(line.detail());
            }
            out.append('\n');
        }
        return out.toString();
    }

    String json(List<TopologyEvent> events) {
        Map<String, String> names = namesInEvents(events);
        JsonArray all = new JsonArray();
        for (TopologyEvent event : events) {
            Line line = describe(event);
            JsonObject json = new JsonObject();
            json.addProperty("sequence", event.sequence());
            json.addProperty("time", event.timestamp().toString());
            json.addProperty("kind", line.kind());
            json.addProperty("uuid", event.mapWwid());
            json.addProperty("map", mapName(event, names));
            json.addProperty("path", line.path());
            json.addProperty("detail", line.detail());
            all.add(json);
        }
        JsonObject document = new JsonObject();
        document.add("events", all);
        return Json.indented(document);
    }

    /**
     * A path event names its map by WWID only, and a removed map is gone from the current snapshot; the
     * map events among the listed ones still know its name.
     */
    private static Map<String, String> namesInEvents(List<TopologyEvent> events) {
        Map<String, String> names = new HashMap<>();
        for (TopologyEvent event : events) {
            MultipathMap map = mapOf(event);
            if (map != null) {
                names.put(map.wwid(), map.name());
            }
        }
        return names;
    }

    private String mapName(TopologyEvent event, Map<String, String> namesInEvents) {
        if (event.mapWwid().isEmpty()) {
            return "-";
        }
        MultipathMap map = mapOf(event);
        if (map != null) {
            return map.name();
        }
        String known = mapNames.apply(event.mapWwid());
        if (known == null) {
            known = namesInEvents.get(event.mapWwid());
        }
        return known != null ? known : event.mapWwid();
    }

    static Line describe(TopologyEvent event) {
        if (event instanceof MapAdded e) {
            return new Line("map-added", "", e.map().pathCount() + " paths");
        }
        if (event instanceof MapRemoved e) {
            return new Line("map-removed", "", "");
        }
        if (event instanceof MapChanged e) {
            return new Line("map-changed", "", "valid_paths=" + e.after().validPathCount() + "/" + e.after().pathCount());
        }
        if (event instanceof MapFailed e) {
            return new Line("map-failed", "", "no active path left, queueing=" + e.map().queueing());
        }
        if (event instanceof MapRestored e) {
            return new Line("map-restored", "", "valid_paths=" + e.map().validPathCount());
        }
        if (event instanceof PathAdded e) {
            return new Line("path-added", e.path().name(), pathState(e.path()));
        }
        if (event instanceof PathRemoved e) {
            return new Line("path-removed", e.path().name(), "");
        }
        if (event instanceof PathDmStateChanged e) {
            return new Line("path-dm-state", e.path().name(), e.previous().label() + " -> " + e.path().dmState().label());
        }
        if (event instanceof PathCheckerStateChanged e) {
            String message = e.path().checkerMessage().isEmpty() ? "" : " " + Json.quoted(e.path().checkerMessage());
            return new Line("path-checker-state", e.path().name(),
                    e.previous().label() + " -> " + e.path().checkerState().label() + message);
        }
        if (event instanceof PathFailed e) {
            return new Line("path-failed", e.path().name(), "valid_paths=" + e.validPaths());
        }
        if (event instanceof PathReinstated e) {
            return new Line("path-reinstated", e.path().name(), "valid_paths=" + e.validPaths());
        }
        if (event instanceof PolicyChanged e) {
            String detail = PolicyChanged.ACTIVE_GROUP.equals(e.what())
                    ? e.what() + "=" + e.map().activeGroupIndex() : e.what();
            return new Line("policy-changed", "", detail);
        }
        return new Line(event.getClass().getSimpleName(), "", "");
    }

    private static String pathState(Path path) {
        return "dm_st=" + path.dmState().label();
    }

    private static MultipathMap mapOf(TopologyEvent event) {
        if (event instanceof MapAdded e) {
            return e.map();
        }
        if (event instanceof MapRemoved e) {
            return e.map();
        }
        if (event instanceof MapChanged e) {
            return e.after();
        }
        if (event instanceof MapFailed e) {
            return e.map();
        }
        if (event instanceof MapRestored e) {
            return e.map();
        }
        if (event instanceof PolicyChanged e) {
            return e.map();
        }
        return null;
    }
}

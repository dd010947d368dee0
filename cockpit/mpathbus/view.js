// What each part of the page looks like, built from the Topology's records.

import { ACTIONS, CONFIG_OBJECT, CONTROL } from "./actions.js";
import { h } from "./dom.js";
import { decodeDevice, disagreement, dmName, formatSize, hbtl, majorMinor } from "./model.js";

const HEALTH_WORDS = { optimal: "Optimal", degraded: "Degraded", failed: "Failed" };

export function healthBadge(health) {
    return h("span", { class: "badge health-" + health }, HEALTH_WORDS[health] || health || "unknown");
}

/** What multipath -C would answer for the map; undefined from a daemon that does not say. */
function usableBadge(usable) {
    if (usable === undefined) {
        return "-";
    }
    return h("span", { class: "badge usable-" + usable, title: "multipath -C: is a path active and running?" },
             usable ? "usable" : "no usable path");
}

function stateBadge(kind, state) {
    return h("span", { class: `badge ${kind}-${state}` }, state);
}

/** What one map's row shows, as text: equal facts mean the row need not be drawn again. */
export function mapRowFacts(topology, map) {
    return {
        name: map.Name,
        health: map.Health,
        usable: map.Usable,
        paths: `${map.ValidPathCount}/${map.PathCount}`,
        size: formatSize(map.SizeBytes),
        vendorProduct: [map.Vendor, map.Product].filter(Boolean).join(" ") || "-",
        queueing: map.Queueing === "on" ? "queue if no path" : "fail if no path",
        device: decodeDevice(map.Device),
        numbers: `(${dmName(map)}, ${majorMinor(map.DeviceNumber)})`,
        wwid: map.Wwid,
        disagreeing: topology.pathsOf(map).filter(disagreement).length,
    };
}

/** The cells of one map's row, in the table head's order. */
export function mapCells(facts, expanded, onToggle) {
    return [
        h("td", { class: "col-toggle" },
          h("button", {
              type: "button", class: "toggle", "aria-expanded": expanded ? "true" : "false",
              "aria-label": `Details of ${facts.name}`, onclick: onToggle,
          }, expanded ? "▾" : "▸")),
        h("td", { class: "map-name" }, facts.name,
          facts.disagreeing > 0 && h("span", {
              class: "disagree-mark", title: `kernel and checker disagree on ${facts.disagreeing} path(s)`,
          }, "⚠")),
        h("td", { class: "map-health" }, healthBadge(facts.health)),
        h("td", { class: "map-usable" }, usableBadge(facts.usable)),
        h("td", { class: "map-paths" }, facts.paths),
        h("td", null, facts.size),
        h("td", null, facts.vendorProduct),
        h("td", { class: "map-queueing" }, facts.queueing),
        h("td", { class: "mono" }, facts.device, " ", h("span", { class: "muted" }, facts.numbers)),
        h("td", { class: "mono wwid" }, facts.wwid),
    ];
}

/**
 * One map opened up: its settings, then each path group with its paths. With {@code controls} (the
 * user may change things and the daemon exports control interfaces) each object that can be acted on
 * gets its buttons; controls.can(objectPath, iface) says which, controls.run(action) asks and acts.
 */
export function mapDetail(topology, map, controls) {
    const groups = topology.groupsOf(map);
    const mapControl = controls && controls.can(map.objectPath, CONTROL.map);
    const configControl = controls && controls.can(CONFIG_OBJECT, CONTROL.config) && map.Kind !== "nvme";
    return h("div", { class: "map-detail" },
             (mapControl || configControl) && h("div", { class: "map-actions" },
                 configControl && actionButton("Set alias…", "set-alias", () => controls.run(ACTIONS.setAlias(map))),
                 configControl && actionButton("Blacklist WWID…", "blacklist-wwid",
                                               () => controls.run(ACTIONS.blacklistWwid(map.Wwid, "map " + map.Name))),
                 configControl && map.Vendor && map.Product && actionButton("Blacklist device type…", "blacklist-device",
                                                             () => controls.run(ACTIONS.blacklistDevice(map))),
                 mapControl && actionButton("Flush map…", "flush", () => controls.run(ACTIONS.flushMap(map)))),
             h("dl", { class: "facts" },
               fact("Kind", map.Kind || "dm-multipath"),
               map.Kind === "nvme" && fact("Subsystem", `${map.Subsystem} · ${map.SubsystemNqn}`),
               map.Kind === "nvme" && fact("I/O policy", map.IoPolicy),
               fact("Features", (map.Features || []).join(" ") || "none"),
               fact("Hardware handler", map.HardwareHandler || "none"),
               fact("Kernel state", map.DmState),
               fact("Write protected", map.WriteProtected ? "yes" : "no"),
               fact("Revision", map.Revision || "-")),
             groups.map(group => groupSection(topology, map, group, mapControl ? controls : null)));
}

function actionButton(label, action, onclick) {
    return h("button", { type: "button", class: "button action", dataset: { action }, onclick }, label);
}

function fact(label, value) {
    return [h("dt", null, label), h("dd", null, value)];
}

function groupSection(topology, map, group, controls) {
    const active = map.ActivePathGroup === group.objectPath;
    return h("section", { class: "group" + (active ? " group-active" : ""), dataset: { group: String(group.Index) } },
             h("h3", null,
               `Path group ${group.Index}`,
               active && h("span", { class: "badge active-group" }, "active: I/O goes here"),
               !active && map.NextPathGroup === group.objectPath
                   && h("span", { class: "badge next-group" }, "next: I/O moves here at its next request"),
               h("span", { class: "group-facts" },
                 `priority ${group.Priority} · ${group.Selector} · kernel ${group.DmState}`),
               controls && !active && actionButton("Switch to this group…", "switch-group",
                                                   () => controls.run(ACTIONS.switchGroup(map, group)))),
             pathTable(topology.pathsOf(group), controls && { ...controls, map }));
}

/** The paths' rows; with {@code controls} (and the map they belong to) a column of actions. */
export function pathTable(paths, controls) {
    const labels = ["Path", "Device", "HBTL", "Kernel", "Checker", "Device state", "ANA", "Priority",
                    "Fails", "Transport", "WWNs", "Blacklisted"];
    return h("table", { class: "paths" },
             h("thead", null, h("tr", null, labels.map(label => h("th", null, label)),
                                controls && h("th", null, h("span", { class: "visually-hidden" }, "Actions")))),
             h("tbody", null, paths.map(path => pathRow(path, controls))));
}

function pathActions(path, controls) {
    const pathControl = controls.can(path.objectPath, CONTROL.path);
    const configControl = controls.can(CONFIG_OBJECT, CONTROL.config) && path.Wwid && !path.Controller;
    return h("td", { class: "path-actions" },
             pathControl && (path.DmState === "failed"
                 ? actionButton("Reinstate…", "reinstate", () => controls.run(ACTIONS.reinstatePath(path, controls.map)))
                 : actionButton("Fail…", "fail", () => controls.run(ACTIONS.failPath(path, controls.map)))),
             configControl && actionButton("Blacklist WWID…", "blacklist-wwid",
                                           () => controls.run(ACTIONS.blacklistWwid(path.Wwid, "path " + path.Name))));
}

function pathRow(path, controls) {
    const conflict = disagreement(path);
    return h("tr", {
        class: "path" + (conflict ? " disagree" : "") + (path.DmState === "failed" ? " path-failed" : ""),
        dataset: { path: path.Name, dmState: path.DmState, checkerState: path.CheckerState },
    },
             h("td", { class: "mono" }, path.Name),
             h("td", { class: "mono" }, majorMinor(path.DeviceNumber)),
             h("td", { class: "mono" }, hbtl(path.Hbtl)),
             h("td", null, stateBadge("dm", path.DmState)),
             h("td", null, stateBadge("checker", path.CheckerState), " ", path.Checker,
               path.CheckerMessage && h("div", { class: "muted" }, path.CheckerMessage),
               conflict && h("div", { class: "disagree-text" }, "⚠ " + conflict)),
             h("td", null, stateBadge("device", path.DeviceState)),
             h("td", { class: "ana" }, path.AnaState
                 ? [stateBadge("ana", path.AnaState), ` group ${path.AnaGroup}`] : "-"),
             h("td", null, path.Priority < 0 ? "unknown" : String(path.Priority)),
             h("td", null, String(path.FailCount)),
             h("td", null, path.Controller
                 ? [`${path.Transport} ${path.ControllerTransport} via ${path.Controller} (${path.ControllerState})`,
                    h("div", { class: "muted mono" }, path.ControllerAddress)]
                 : path.Transport),
             h("td", { class: "mono wwns" }, wwns(path)),
             h("td", null, path.Blacklisted || "-"),
             controls && pathActions(path, controls));
}

function wwns(path) {
    const parts = [];
    if (path.HostWwpn) {
        parts.push(h("div", null, "host " + path.HostWwpn + (path.HostWwnn ? ` (node ${path.HostWwnn})` : "")));
    }
    if (path.TargetWwpn) {
        parts.push(h("div", null, "target " + path.TargetWwpn + (path.TargetWwnn ? ` (node ${path.TargetWwnn})` : "")));
    }
    return parts.length ? parts : "-";
}

/** Counts across every map and path: what an admin looks at first. */
export function summary(topology) {
    const counts = { optimal: 0, degraded: 0, failed: 0 };
    for (const map of topology.maps.values()) {
        counts[map.Health] = (counts[map.Health] || 0) + 1;
    }
    let failedPaths = 0;
    let disagreeing = 0;
    for (const path of topology.paths.values()) {
        if (path.DmState === "failed") {
            failedPaths++;
        }
        if (disagreement(path)) {
            disagreeing++;
        }
    }
    const manager = topology.manager || {};
    return [
        readiness(manager),
        tile("maps", String(topology.maps.size), "maps"),
        tile("optimal", String(counts.optimal), "optimal"),
        tile("degraded", String(counts.degraded), "degraded"),
        tile("failed", String(counts.failed), "failed"),
        tile("paths", String(topology.paths.size), "paths"),
        tile("failed-paths", String(failedPaths), "failed paths"),
        tile("disagree", String(disagreeing), "kernel ≠ checker"),
        h("div", { class: "daemon-facts muted" },
          `mpathbus ${manager.Version || ""} · generation ${manager.Generation ?? "-"} · checkers ${(manager.Checkers || []).join(", ") || "none"}`),
    ];
}

const STATE_WORDS = {
    idle: "idle", running: "checking paths", configure: "reconfiguring", startup: "starting",
    shutdown: "shutting down", init: "starting", absent: "not running", unresponsive: "not answering",
    unknown: "unknown",
};

/** multipathd's readiness as the Manager reports it: what consumers otherwise poll show status for. */
function readiness(manager) {
    const state = manager.MultipathdState;
    if (state === undefined) {
        return null;
    }
    const ready = (state === "idle" || state === "running") && !manager.MultipathdBusy && !manager.ReconfigurePending;
    return h("div", {
        class: "tile tile-multipathd " + (ready ? "multipathd-ready" : "multipathd-not-ready"), id: "multipathd",
        dataset: {
            state, busy: String(Boolean(manager.MultipathdBusy)),
            reconfigurePending: String(Boolean(manager.ReconfigurePending)),
        },
    },
             h("span", { class: "tile-value" }, STATE_WORDS[state] || state),
             h("span", { class: "tile-label" }, "multipathd",
               manager.MultipathdBusy && h("span", { class: "badge multipathd-busy" }, "busy"),
               manager.ReconfigurePending && h("span", { class: "badge multipathd-pending" }, "reconfigure pending")));
}

function tile(kind, value, label) {
    return h("div", { class: "tile tile-" + kind, dataset: { count: kind } },
             h("span", { class: "tile-value" }, value), h("span", { class: "tile-label" }, label));
}

/**
 * The Config object, or why there is none. With {@code controls} that reach ConfigControl, the rules mpathbus
 * itself wrote can be removed.
 */
export function configView(topology, controls) {
    const removable = controls && controls.can(CONFIG_OBJECT, CONTROL.config)
        ? { ...controls, dropIn: topology.config && topology.config.DropInFile } : null;
    const config = topology.config;
    if (!config) {
        return h("p", { class: "empty" },
                 "The daemon does not read multipath.conf (the bundle org.mpathbus.config is not running), so no configuration or blacklist is shown.");
    }
    const blacklisted = [...topology.paths.values()].filter(path => path.Blacklisted);
    return [
        config.LastError && h("p", { class: "config-error", role: "alert" },
                              "The last reload failed; the previous configuration stays in force: " + config.LastError),
        h("dl", { class: "facts" },
          fact("Read from", (config.ConfigFiles || []).join(", ") || "built-in defaults"),
          fact("Generation", String(config.Generation)),
          fact("user_friendly_names", config.UserFriendlyNames ? "yes" : "no"),
          fact("find_multipaths", config.FindMultipaths),
          fact("polling_interval", `${config.PollingInterval} s`),
          fact("max_polling_interval", `${config.MaxPollingInterval} s`),
          fact("checker_timeout", config.CheckerTimeout ? `${config.CheckerTimeout} s` : "the device's own timeout"),
          fact("path_checker", config.PathChecker),
          fact("no_path_retry", config.NoPathRetry)),
        (config.Warnings || []).length > 0 && [
            h("h3", null, "Warnings"),
            h("ul", { class: "warnings" }, config.Warnings.map(warning => h("li", { class: "mono" }, warning))),
        ],
        h("h3", null, "Blacklist"),
        ruleTable(config.Blacklist, "blacklist", removable),
        h("h3", null, "Blacklist exceptions"),
        ruleTable(config.BlacklistExceptions, "exceptions", removable),
        h("h3", null, `Blacklisted paths (${blacklisted.length})`),
        blacklisted.length === 0
            ? h("p", { class: "muted" }, "No path is blacklisted.")
            : h("table", { class: "rules", id: "blacklisted-paths" },
                h("thead", null, h("tr", null, h("th", null, "Path"), h("th", null, "Rule and origin"))),
                h("tbody", null, blacklisted.map(path =>
                    h("tr", { dataset: { path: path.Name } }, h("td", { class: "mono" }, path.Name),
                      h("td", { class: "mono" }, path.Blacklisted))))),
    ];
}

/** A rule written by mpathbus's ConfigControl: its origin (FILE:LINE) is the Config object's DropInFile. */
function writtenByMpathbus(origin, dropIn) {
    return Boolean(dropIn) && origin.startsWith(dropIn + ":");
}

/** The rule as RemoveBlacklistEntry takes it: {criterion: expression}, or the device's vendor and product. */
function ruleEntry(criterion, expression, vendor, product) {
    return criterion === "device" ? { vendor, product } : { [criterion]: expression };
}

function ruleTable(rules, id, controls) {
    if (!rules || rules.length === 0) {
        return h("p", { class: "muted" }, "none");
    }
    const section = id === "blacklist" ? "blacklist" : "blacklist_exceptions";
    return h("table", { class: "rules", id: "rules-" + id },
             h("thead", null, h("tr", null,
                                ["Criterion", "Expression", "Vendor", "Product", "Origin"].map(label => h("th", null, label)),
                                controls && h("th", null, h("span", { class: "visually-hidden" }, "Actions")))),
             h("tbody", null, rules.map(([criterion, expression, vendor, product, origin]) =>
                 h("tr", { class: origin.startsWith("built-in") ? "builtin" : "configured" },
                   h("td", null, criterion), h("td", { class: "mono" }, expression),
                   h("td", { class: "mono" }, vendor), h("td", { class: "mono" }, product),
                   h("td", { class: "mono" }, origin),
                   controls && h("td", null, writtenByMpathbus(origin, controls.dropIn) && actionButton("Remove…", "remove-entry",
                       () => controls.run(ACTIONS.removeBlacklistEntry(section, ruleEntry(criterion, expression, vendor, product),
                                                                       `${criterion} ${criterion === "device" ? vendor + " " + product : expression}`))))))));
}

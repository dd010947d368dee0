// The page: one cockpit.dbus client watching the daemon's ObjectManager namespace, its transition
// signals, and its name on the bus. Nothing polls: every change arrives as a notify delta or a signal.

import { h, replaceChildren } from "./dom.js";
import { BUS_NAME, IFACE, ROOT, Topology, matches, unwrap, unwrapInterfaces } from "./model.js";
import { Timeline } from "./timeline.js";
import { configView, mapCells, mapDetail, pathTable, summary } from "./view.js";

const RETRY_MS = 2000;

class Page {
    constructor() {
        this.topology = new Topology();
        this.rows = new Map();
        this.expanded = new Set();
        this.dirtyMaps = new Set();
        this.rebuild = true;
        this.flushScheduled = false;
        this.needle = "";
        this.timeline = new Timeline(byId("timeline"), byId("timeline-count"));
        this.status = byId("daemon-status");
        this.wireControls();
    }

    wireControls() {
        for (const button of document.querySelectorAll("[role=tab]")) {
            button.addEventListener("click", () => this.showTab(button.dataset.tab));
        }
        byId("filter").addEventListener("input", event => {
            this.needle = event.target.value.trim().toLowerCase();
            this.rebuild = true;
            this.schedule();
        });
    }

    showTab(name) {
        for (const button of document.querySelectorAll("[role=tab]")) {
            button.setAttribute("aria-selected", String(button.dataset.tab === name));
            byId("tab-" + button.dataset.tab).hidden = button.dataset.tab !== name;
        }
    }

    setStatus(state, text) {
        this.status.dataset.state = state;
        this.status.textContent = text;
        document.body.dataset.daemon = state;
    }

    /** The daemon's objects are gone (it left the bus, or we reconnect): start from nothing. */
    reset() {
        this.topology = new Topology();
        this.signalled = null;
        this.rows.clear();
        this.rebuild = true;
        this.schedule();
    }

    apply(delta) {
        if (this.signalled) {
            Object.keys(delta).forEach(objectPath => this.signalled.add(objectPath));
        }
        this.absorb(this.topology.apply(delta));
    }

    /** From now until replace(), remember which objects signals change. */
    expectReplacement() {
        this.signalled = new Set();
    }

    replace(objects) {
        const newer = this.signalled || new Set();
        this.signalled = null;
        this.absorb(this.topology.replace(objects, newer));
    }

    absorb(changes) {
        for (const map of changes.maps) {
            this.dirtyMaps.add(map);
        }
        this.rebuild ||= changes.membership || changes.manager;
        this.configDirty ||= changes.config || changes.membership;
        this.accessDirty ||= changes.control;
        this.schedule();
    }

    signal(objectPath, kind, args) {
        const map = this.topology.maps.get(objectPath);
        const mapName = map ? map.Name : objectPath;
        let pathName = "";
        if (kind === "PathFailed" || kind === "PathReinstated") {
            const path = this.topology.paths.get(args[0]);
            pathName = path ? path.Name : args[0];
        }
        this.timeline.signal(kind, args, mapName, pathName);
    }

    /** Many deltas may arrive in one turn of the event loop; the page is drawn once after them. */
    schedule() {
        if (!this.flushScheduled) {
            this.flushScheduled = true;
            setTimeout(() => this.flush(), 0);
        }
    }

    flush() {
        this.flushScheduled = false;
        if (this.rebuild) {
            this.renderMapList();
        } else {
            for (const objectPath of this.dirtyMaps) {
                this.renderMap(objectPath);
            }
        }
        this.dirtyMaps.clear();
        replaceChildren(byId("summary"), summary(this.topology));
        if (this.configDirty) {
            this.configDirty = false;
            replaceChildren(byId("config"), configView(this.topology));
        }
        this.renderAccess();
        if (this.topology.maps.size > 0 && !document.body.dataset.firstPaintMs) {
            // For the browser test's figures: reading offsetHeight lays the list out now.
            document.body.dataset.firstPaintMs = String(document.body.offsetHeight && Math.round(performance.now()));
        }
    }

    renderMapList() {
        this.rebuild = false;
        const body = byId("map-rows");
        const rows = [];
        let shown = 0;
        const seen = new Set();
        for (const map of this.topology.orderedMaps()) {
            seen.add(map.objectPath);
            const entry = this.rowOf(map.objectPath);
            if (this.dirtyMaps.has(map.objectPath) || !entry.drawn) {
                this.drawRow(map, entry);
            }
            if (matches(this.topology, map, this.needle)) {
                shown++;
                rows.push(entry.row);
                if (entry.detail) {
                    rows.push(entry.detail);
                }
            }
        }
        for (const objectPath of [...this.rows.keys()]) {
            if (!seen.has(objectPath)) {
                this.rows.delete(objectPath);
                this.expanded.delete(objectPath);
            }
        }
        body.replaceChildren(...rows);
        byId("maps-empty").hidden = this.topology.maps.size > 0;
        byId("filter-count").textContent = this.needle ? `${shown} of ${this.topology.maps.size} maps` : "";
        this.renderUnmapped();
    }

    rowOf(objectPath) {
        let entry = this.rows.get(objectPath);
        if (!entry) {
            entry = { row: h("tr", { class: "map" }), detail: null, drawn: false };
            this.rows.set(objectPath, entry);
        }
        return entry;
    }

    renderMap(objectPath) {
        const map = this.topology.maps.get(objectPath);
        if (!map) {
            return;
        }
        const entry = this.rowOf(objectPath);
        this.drawRow(map, entry);
        if (!entry.row.isConnected && matches(this.topology, map, this.needle)) {
            this.rebuild = true;
            this.schedule();
        }
    }

    drawRow(map, entry) {
        const expanded = this.expanded.has(map.objectPath);
        entry.drawn = true;
        entry.row.className = "map health-row-" + map.Health;
        Object.assign(entry.row.dataset, { map: map.Name, health: map.Health, objectPath: map.objectPath });
        entry.row.replaceChildren(...mapCells(this.topology, map, expanded, () => this.toggle(map.objectPath)));
        if (expanded) {
            const detail = h("tr", { class: "map-detail-row", dataset: { detailOf: map.Name } },
                             h("td", { colspan: "9" }, mapDetail(this.topology, map)));
            if (entry.detail && entry.detail.isConnected) {
                entry.detail.replaceWith(detail);
            } else if (entry.row.isConnected) {
                entry.row.after(detail);
            }
            entry.detail = detail;
        } else if (entry.detail) {
            entry.detail.remove();
            entry.detail = null;
        }
    }

    toggle(objectPath) {
        if (this.expanded.has(objectPath)) {
            this.expanded.delete(objectPath);
        } else {
            this.expanded.add(objectPath);
        }
        this.renderMap(objectPath);
    }

    renderUnmapped() {
        const unmapped = this.topology.unmappedPaths();
        const section = byId("unmapped");
        if (unmapped.length === 0) {
            section.hidden = true;
            return;
        }
        section.hidden = false;
        replaceChildren(section, h("summary", null, `${unmapped.length} path(s) in no map`), pathTable(unmapped));
    }

    renderAccess() {
        if (!this.accessDirty && byId("access-note").dataset.drawn) {
            return;
        }
        this.accessDirty = false;
        const note = byId("access-note");
        note.dataset.drawn = "yes";
        note.dataset.access = this.topology.hasControl() ? "control" : "read-only";
        note.textContent = this.topology.hasControl()
            ? ""
            : "Read-only: the daemon exports no control interfaces, so this page shows the multipath state but cannot change it. Changes become possible once mpathbus's write-capable exporter is installed and writes are enabled in its configuration.";
    }
}

const OBJECT_MANAGER = "org.freedesktop.DBus.ObjectManager";
const PROPERTIES = "org.freedesktop.DBus.Properties";

/**
 * The link to the daemon: the ObjectManager protocol by hand (subscribe to InterfacesAdded/Removed and
 * PropertiesChanged, then one GetManagedObjects), not cockpit.dbus's watch, because the bridge's watch
 * introspects every object path: 24,421 Introspect calls and 23 s at 2,500 maps x 4 paths. The map rows
 * come first from the maps' own GetAll (pipelined) so the list paints before the 14 MB GetManagedObjects
 * reply arrives. Everything is applied in arrival order, which is the daemon's sending order, so a reply
 * never rolls back a newer signal. When the name gets an owner again, a fresh client reads everything anew.
 */
class Connection {
    constructor(page) {
        this.page = page;
        this.client = null;
        this.owner = undefined;
    }

    open() {
        const client = cockpit.dbus(BUS_NAME, { bus: "system" });
        this.client = client;
        this.owner = undefined;
        const current = handler => (...args) => {
            if (client === this.client) {
                handler(...args);
            }
        };
        client.addEventListener("owner", current((event, owner) => this.ownerChanged(owner)));
        client.addEventListener("close", current((event, options) => {
            if (options.problem === "not-found") {
                this.page.setStatus("stopped", notRunning());
            } else {
                this.page.setStatus("disconnected", "The connection to the system bus closed (" + cockpit.message(options) + "); trying again…");
            }
            this.client = null;
            setTimeout(() => this.reopen(), RETRY_MS);
        }));
        client.subscribe({ path_namespace: ROOT, interface: OBJECT_MANAGER, member: "InterfacesAdded" },
                         current((sender, iface, member, [objectPath, interfaces]) =>
                             this.page.apply({ [objectPath]: unwrapInterfaces(interfaces) })));
        client.subscribe({ path_namespace: ROOT, interface: OBJECT_MANAGER, member: "InterfacesRemoved" },
                         current((sender, iface, member, [objectPath, names]) =>
                             this.page.apply({ [objectPath]: Object.fromEntries(names.map(name => [name, null])) })));
        client.subscribe({ path_namespace: ROOT, interface: PROPERTIES, member: "PropertiesChanged" },
                         current((objectPath, iface, member, [changedInterface, changed]) =>
                             this.page.apply({ [objectPath]: { [changedInterface]: unwrap(changed) } })));
        client.subscribe({ path_namespace: ROOT, interface: IFACE.map },
                         current((objectPath, iface, signal, args) => this.page.signal(objectPath, signal, args)));
        this.page.setStatus("connecting", "Reading the maps from mpathbus…");
        this.load(client).catch(current(error => this.page.setStatus("stopped", notRunning(error))));
    }

    async load(client) {
        const [manager] = await client.call(ROOT, PROPERTIES, "GetAll", [IFACE.manager]);
        this.page.apply({ [ROOT]: { [IFACE.manager]: unwrap(manager) } });
        const maps = manager.Maps.v;
        const replies = await Promise.all(maps.map(map => client.call(map, PROPERTIES, "GetAll", [IFACE.map])
                // A map removed meanwhile: its InterfacesRemoved follows.
                .catch(() => null)));
        const delta = {};
        replies.forEach((reply, i) => {
            if (reply) {
                delta[maps[i]] = { [IFACE.map]: unwrap(reply[0]) };
            }
        });
        this.page.apply(delta);
        this.page.expectReplacement();
        const [objects] = await client.call(ROOT, OBJECT_MANAGER, "GetManagedObjects", []);
        const plain = {};
        for (const objectPath in objects) {
            plain[objectPath] = unwrapInterfaces(objects[objectPath]);
        }
        if (client === this.client) {
            this.page.replace(plain);
            this.page.setStatus("running", "Connected to mpathbus; changes show as they happen.");
            document.body.dataset.loadedMs ||= String(Math.round(performance.now()));
        }
    }

    ownerChanged(owner) {
        const previous = this.owner;
        this.owner = owner;
        if (!owner) {
            this.page.setStatus("stopped", notRunning());
            if (previous) {
                this.page.timeline.notice("The daemon left the bus. Transitions until it returns are not listed here; their outcome shows in the maps once it is back.");
            }
            this.page.reset();
        } else if (previous === null) {
            // Back on the bus (restarted, or reconnected after the bus restarted): read everything again.
            this.page.timeline.notice("The daemon is back on the bus; the maps were read again.");
            this.reopen();
        }
    }

    reopen() {
        const old = this.client;
        this.client = null;
        if (old) {
            old.close();
        }
        this.page.reset();
        this.open();
    }
}

function notRunning(error) {
    const detail = error && error.message ? ` (${error.message})` : "";
    return `The mpathbus daemon is not running: ${BUS_NAME} has no owner on the system bus${detail}. This page follows it when it starts (systemctl start mpathbus).`;
}

function byId(id) {
    return document.getElementById(id);
}

const page = new Page();
new Connection(page).open();

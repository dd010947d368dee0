// The page: one cockpit.dbus client following the daemon's objects (ObjectManager signals after one
// full read), its transition signals and its name on the bus. Nothing polls: every change arrives as
// a signal.

import { ActionDialog } from "./actions.js";
import { h, replaceChildren } from "./dom.js";
import { BUS_NAME, IFACE, ROOT, Topology, matches, unwrap, unwrapInterfaces } from "./model.js";
import { Timeline } from "./timeline.js";
import { configView, mapCells, mapDetail, mapRowFacts, pathTable, summary } from "./view.js";

const RETRY_MS = 2000;
const FLUSH_MS = 200;
const MAP_READS_IN_FLIGHT = 128;

class Page {
    constructor() {
        this.topology = new Topology();
        this.rows = new Map();
        this.expanded = new Set();
        this.dirtyMaps = new Set();
        this.rebuild = true;
        this.flushScheduled = false;
        this.lastFlush = 0;
        this.needle = "";
        this.timeline = new Timeline(byId("timeline"), byId("timeline-count"));
        this.status = byId("daemon-status");
        this.dialog = new ActionDialog(byId("action-dialog"));
        // Administrative access in Cockpit (root, or a session that may become root).
        this.admin = cockpit.permission({ admin: true });
        this.admin.addEventListener("changed", () => this.accessChanged());
        this.wireControls();
    }

    /** What the user may change: null while read-only (no control interfaces, or no administrative access). */
    controls() {
        if (!this.admin.allowed || !this.topology.hasControl()) {
            return null;
        }
        return {
            can: (objectPath, iface) => this.topology.canControl(objectPath, iface),
            run: action => this.dialog.open(action),
        };
    }

    /** The buttons come or go: opened maps and the configuration are drawn again. */
    accessChanged() {
        this.accessDirty = true;
        this.configDirty = true;
        this.expanded.forEach(objectPath => this.dirtyMaps.add(objectPath));
        this.schedule();
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
        this.noteSignalled(Object.keys(delta));
        this.absorb(this.topology.apply(delta));
    }

    applyChanged(objectPath, iface, props) {
        if (this.topology.knows(objectPath, iface)) {
            this.noteSignalled([objectPath]);
        }
        this.absorb(this.topology.applyChanged(objectPath, iface, props));
    }

    noteSignalled(objectPaths) {
        if (this.signalled) {
            objectPaths.forEach(objectPath => this.signalled.add(objectPath));
        }
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
        this.rebuild ||= changes.membership || changes.order;
        this.configDirty ||= changes.config || changes.membership;
        if (changes.control) {
            this.accessChanged();
        }
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

    /**
     * Deltas come in bursts (one update is several messages); the page is drawn once after a burst and
     * at most every FLUSH_MS, so thousands of replies or signals cost a few draws, not thousands. A
     * flood of messages can starve timers, so a draw overdue by far happens right away.
     */
    schedule() {
        const elapsed = performance.now() - this.lastFlush;
        if (this.flushScheduled) {
            if (elapsed > 4 * FLUSH_MS) {
                this.flush();
            }
            return;
        }
        this.flushScheduled = true;
        setTimeout(() => this.flush(), Math.max(0, FLUSH_MS - elapsed));
    }

    flush() {
        this.lastFlush = performance.now();
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
            replaceChildren(byId("config"), configView(this.topology, this.controls()));
        }
        this.renderAccess();
        if (this.onIncomplete && this.topology.lacksListedMaps()) {
            this.onIncomplete();
        }
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
        appendOrReplace(body, rows);
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
        const facts = mapRowFacts(this.topology, map);
        const signature = JSON.stringify(facts) + expanded;
        // Most updates touch a map without changing what its row says (a path's checker message, say).
        if (signature !== entry.signature) {
            entry.signature = signature;
            entry.row.className = "map health-row-" + map.Health;
            Object.assign(entry.row.dataset, { map: map.Name, health: map.Health, objectPath: map.objectPath });
            entry.row.replaceChildren(...mapCells(facts, expanded, () => this.toggle(map.objectPath)));
        }
        if (expanded) {
            const detail = h("tr", { class: "map-detail-row", dataset: { detailOf: map.Name } },
                             h("td", { colspan: "10" }, mapDetail(this.topology, map, this.controls())));
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
        if (!this.topology.hasControl()) {
            note.dataset.access = "read-only";
            note.textContent = "Read-only: the daemon exports no control interfaces, so this page shows the multipath state but cannot change it. Changes become possible once mpathbus's write-capable exporter is installed and writes are enabled in its configuration.";
        } else if (!this.admin.allowed) {
            note.dataset.access = "no-admin";
            note.textContent = "Read-only for you: changing maps and paths needs administrative access in Cockpit (turn it on in the top bar).";
        } else {
            note.dataset.access = "control";
            note.textContent = "";
        }
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
        this.loading = null;
        this.lastLoad = -Infinity;
    }

    open() {
        const client = cockpit.dbus(BUS_NAME, { bus: "system" });
        this.client = client;
        this.owner = undefined;
        // A read of the previous client may still be settling: it does not hold this one back.
        this.loading = null;
        this.lastLoad = -Infinity;
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
                             this.page.applyChanged(objectPath, changedInterface, unwrap(changed))));
        client.subscribe({ path_namespace: ROOT, interface: IFACE.map },
                         current((objectPath, iface, signal, args) => this.page.signal(objectPath, signal, args)));
        this.page.setStatus("connecting", "Reading the maps from mpathbus…");
        this.page.onIncomplete = current(() => this.reload(client));
        this.reload(client);
    }

    /**
     * Reads everything; again when the Manager lists maps we lack. A reply can predate InterfacesAdded
     * sent before our subscription took hold (the daemon announces before it answers from an update),
     * and the Manager's PropertiesChanged that follows tells.
     */
    reload(client) {
        // At most one read at a time, and a new one no sooner than RETRY_MS after the last began.
        if (this.loading || performance.now() - this.lastLoad < RETRY_MS) {
            return;
        }
        this.lastLoad = performance.now();
        const loading = this.load(client)
                .catch(error => {
                    if (client === this.client) {
                        this.page.setStatus("stopped", notRunning(error));
                    }
                })
                .finally(() => {
                    if (this.loading === loading) {
                        this.loading = null;
                    }
                });
        this.loading = loading;
    }

    async load(client) {
        const [manager] = await client.call(ROOT, PROPERTIES, "GetAll", [IFACE.manager]);
        this.page.apply({ [ROOT]: { [IFACE.manager]: unwrap(manager) } });
        mark("managerMs");
        const maps = manager.Maps.v;
        // The daemon refuses a caller more than 512 calls in flight (Error.Busy): keep fewer under way.
        let next = 0;
        const readMaps = async () => {
            while (next < maps.length && client === this.client) {
                const map = maps[next++];
                try {
                    const [props] = await client.call(map, PROPERTIES, "GetAll", [IFACE.map]);
                    this.page.apply({ [map]: { [IFACE.map]: unwrap(props) } });
                } catch (error) {
                    // A map removed meanwhile: its InterfacesRemoved follows.
                }
            }
        };
        await Promise.all(Array.from({ length: MAP_READS_IN_FLIGHT }, readMaps));
        mark("mapsMs");
        this.page.expectReplacement();
        const [objects] = await client.call(ROOT, OBJECT_MANAGER, "GetManagedObjects", []);
        const plain = {};
        for (const objectPath in objects) {
            plain[objectPath] = unwrapInterfaces(objects[objectPath]);
        }
        if (client === this.client) {
            this.page.replace(plain);
            this.page.setStatus("running", "Connected to mpathbus; changes show as they happen.");
            mark("loadedMs");
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

/** The rows as children of body; when the present ones begin the list (maps arriving), only the rest is added. */
function appendOrReplace(body, rows) {
    const present = body.children;
    let same = 0;
    while (same < present.length && same < rows.length && present[same] === rows[same]) {
        same++;
    }
    if (same === present.length) {
        body.append(...rows.slice(same));
    } else {
        body.replaceChildren(...rows);
    }
}

/** Milestones of the first load, for the browser test's figures. */
function mark(name) {
    document.body.dataset[name] ||= String(Math.round(performance.now()));
}

function byId(id) {
    return document.getElementById(id);
}

const page = new Page();
new Connection(page).open();

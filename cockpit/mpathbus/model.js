// The daemon's objects as the page knows them, fed by cockpit.dbus "notify" deltas, and the facts the
// page derives from them. No DOM here: rendering is view.js's job.

export const BUS_NAME = "org.mpathbus.Multipath1";
export const ROOT = "/org/mpathbus/Multipath1";
export const IFACE = {
    manager: "org.mpathbus.Multipath1.Manager",
    map: "org.mpathbus.Multipath1.Map",
    group: "org.mpathbus.Multipath1.PathGroup",
    path: "org.mpathbus.Multipath1.Path",
    config: "org.mpathbus.Multipath1.Config",
};
const READ_INTERFACES = new Set(Object.values(IFACE));
/** Any other interface of ours on an object comes from a write-capable exporter: changes are accepted. */
function isControlInterface(iface) {
    return iface.startsWith(BUS_NAME + ".") && !READ_INTERFACES.has(iface);
}

const NO_OBJECT = "/";

/**
 * Every exported object by object path, one record per interface kind. A notify delta merges into
 * these records; the returned change set says which maps need drawing again.
 */
export class Topology {
    constructor() {
        this.manager = null;
        this.config = null;
        this.maps = new Map();
        this.groups = new Map();
        this.paths = new Map();
        this.controlInterfaces = new Set();
    }

    /**
     * Applies PropertiesChanged: new values of objects already known. One of an object not yet known
     * carries only some properties; the object's InterfacesAdded or a reply brings all of them.
     */
    applyChanged(objectPath, iface, props) {
        return this.apply(this.knows(objectPath, iface) ? { [objectPath]: { [iface]: props } } : {});
    }

    knows(objectPath, iface) {
        const index = { [IFACE.map]: this.maps, [IFACE.group]: this.groups, [IFACE.path]: this.paths }[iface];
        if (index) {
            return index.has(objectPath);
        }
        return Boolean((iface === IFACE.manager && this.manager) || (iface === IFACE.config && this.config));
    }

    /** Applies whole interfaces: { objectPath: { interface: props | null } }, null for one removed. */
    apply(delta) {
        const changes = { maps: new Set(), membership: false, order: false, config: false, control: false };
        for (const objectPath in delta) {
            const interfaces = delta[objectPath];
            for (const iface in interfaces) {
                this.applyInterface(objectPath, iface, interfaces[iface], changes);
            }
        }
        return changes;
    }

    applyInterface(objectPath, iface, props, changes) {
        if (isControlInterface(iface)) {
            const key = objectPath + " " + iface;
            if (props) {
                this.controlInterfaces.add(key);
            } else {
                this.controlInterfaces.delete(key);
            }
            changes.control = true;
            return;
        }
        switch (iface) {
        case IFACE.manager:
            this.manager = props ? { ...this.manager, ...props } : null;
            // Generation changes with every update; only the Maps list decides the rows' order.
            changes.order ||= !props || "Maps" in props;
            break;
        case IFACE.config:
            this.config = props ? { ...this.config, ...props } : null;
            changes.config = true;
            break;
        case IFACE.map:
            mergeInto(this.maps, objectPath, props, changes, () => objectPath);
            changes.maps.add(objectPath);
            break;
        case IFACE.group:
            mergeInto(this.groups, objectPath, props, changes, record => record.Map);
            break;
        case IFACE.path:
            mergeInto(this.paths, objectPath, props, changes, record => record.Map);
            break;
        }
    }

    /**
     * Applies a complete picture (GetManagedObjects): what it lacks is gone. Objects in {@code newer}
     * were changed by signals while the call was under way; the reply may predate those signals (the
     * daemon sends an update's InterfacesAdded before it answers from that update), so they keep what
     * the signals said.
     */
    replace(objects, newer) {
        const fresh = {};
        for (const objectPath in objects) {
            if (!newer.has(objectPath)) {
                fresh[objectPath] = objects[objectPath];
            }
        }
        const gone = {};
        const known = [[IFACE.map, this.maps], [IFACE.group, this.groups], [IFACE.path, this.paths]];
        for (const [iface, index] of known) {
            for (const objectPath of index.keys()) {
                if (!newer.has(objectPath) && !(fresh[objectPath] || {})[iface]) {
                    gone[objectPath] = { ...gone[objectPath], [iface]: null };
                }
            }
        }
        const configPath = ROOT + "/config";
        if (this.config && !newer.has(configPath) && !(fresh[configPath] || {})[IFACE.config]) {
            gone[configPath] = { [IFACE.config]: null };
        }
        this.controlInterfaces.clear();
        const changes = this.apply(gone);
        const added = this.apply(fresh);
        added.maps.forEach(map => changes.maps.add(map));
        for (const flag of ["membership", "order", "config"]) {
            changes[flag] ||= added[flag];
        }
        changes.control = true;
        return changes;
    }

    /** The maps in the order the daemon lists them (device-mapper's); any it does not list yet, last. */
    orderedMaps() {
        const listed = (this.manager && this.manager.Maps) || [];
        const ordered = listed.filter(p => this.maps.has(p)).map(p => this.maps.get(p));
        if (ordered.length < this.maps.size) {
            const inList = new Set(listed);
            ordered.push(...[...this.maps.values()].filter(map => !inList.has(map.objectPath))
                    .sort((a, b) => String(a.Name).localeCompare(String(b.Name))));
        }
        return ordered;
    }

    /** True when the Manager lists a map whose object we lack: something was missed. */
    lacksListedMaps() {
        const listed = (this.manager && this.manager.Maps) || [];
        return listed.some(p => !this.maps.has(p));
    }

    groupsOf(map) {
        return (map.PathGroups || []).map(p => this.groups.get(p)).filter(Boolean);
    }

    pathsOf(record) {
        return (record.Paths || []).map(p => this.paths.get(p)).filter(Boolean);
    }

    /** Paths that belong to no map (blacklisted, or not claimed by multipath). */
    unmappedPaths() {
        return [...this.paths.values()].filter(p => !p.Map || p.Map === NO_OBJECT);
    }

    hasControl() {
        return this.controlInterfaces.size > 0;
    }

    canControl(objectPath, iface) {
        return this.controlInterfaces.has(objectPath + " " + iface);
    }
}

function mergeInto(index, objectPath, props, changes, mapOf) {
    const before = index.get(objectPath);
    if (before) {
        changes.maps.add(mapOf(before));
    }
    if (props) {
        const record = before ? Object.assign(before, props) : { objectPath, ...props };
        index.set(objectPath, record);
        changes.maps.add(mapOf(record));
        if (!before) {
            changes.membership = true;
        }
    } else if (before) {
        index.delete(objectPath);
        changes.membership = true;
    }
    changes.maps.delete(undefined);
    changes.maps.delete(NO_OBJECT);
}

/** cockpit.dbus hands variants over as { t: signature, v: value }; the records keep plain values. */
export function unwrap(properties) {
    const plain = {};
    for (const name in properties) {
        plain[name] = properties[name].v;
    }
    return plain;
}

/** unwrap() for every interface of an a{sa{sv}}. */
export function unwrapInterfaces(interfaces) {
    const plain = {};
    for (const iface in interfaces) {
        plain[iface] = unwrap(interfaces[iface]);
    }
    return plain;
}

/** "ay" arrives base64-encoded; device nodes are NUL-terminated. */
export function decodeDevice(base64) {
    if (!base64) {
        return "";
    }
    return window.atob(base64).replace(/\0+$/, "");
}

/** glibc's gnu_dev_major/minor for a dev_t that fits a double (every real one does). */
export function majorMinor(devT) {
    if (devT === undefined) {
        return "-";
    }
    const n = BigInt(devT);
    const major = ((n >> 8n) & 0xfffn) | ((n >> 32n) & ~0xfffn);
    const minor = (n & 0xffn) | ((n >> 12n) & ~0xffn);
    return `${major}:${minor}`;
}

/** Sizes as multipath -ll prints them: powers of 1024 with one decimal where it matters. */
export function formatSize(bytes) {
    const units = ["B", "K", "M", "G", "T", "P"];
    let value = Number(bytes);
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit++;
    }
    const text = value >= 100 || Number.isInteger(value) ? String(Math.round(value)) : value.toFixed(1);
    return text + units[unit];
}

export function hbtl(value) {
    if (!Array.isArray(value) || value[0] < 0) {
        return "-";
    }
    return value.join(":");
}

const CHECKER_UP = new Set(["up", "ghost"]);
const CHECKER_DOWN = new Set(["down", "shaky", "timeout", "removed", "disconnected"]);

/**
 * Where the kernel and the checker disagree about a path, a sentence saying how; else null. The
 * checker's verdict is advisory (multipathd acts on it at its next check), so a short disagreement is
 * normal; a lasting one is what an admin wants to see.
 */
export function disagreement(path) {
    if (path.DmState === "active" && CHECKER_DOWN.has(path.CheckerState)) {
        return `the kernel uses it, the checker says ${path.CheckerState}`;
    }
    if (path.DmState === "failed" && CHECKER_UP.has(path.CheckerState)) {
        return `the kernel failed it, the checker says ${path.CheckerState}`;
    }
    return null;
}

/** Does a map match what someone typed: its name, WWID, device node, dm-N, major:minor, or a path's? */
export function matches(topology, map, needle) {
    if (!needle) {
        return true;
    }
    const device = decodeDevice(map.Device);
    const own = [map.Name, map.Wwid, device, dmName(map),
        map.DeviceNumber !== undefined ? majorMinor(map.DeviceNumber) : ""];
    if (own.some(text => String(text).toLowerCase().includes(needle))) {
        return true;
    }
    return topology.pathsOf(map).some(path =>
        [path.Name, path.Wwid, path.DeviceNumber !== undefined ? majorMinor(path.DeviceNumber) : ""]
                .some(text => String(text).toLowerCase().includes(needle)));
}

/** The dm-N name of a map, from its device number (dm's minor). */
export function dmName(map) {
    if (map.DeviceNumber === undefined) {
        return "";
    }
    return "dm-" + majorMinor(map.DeviceNumber).split(":")[1];
}

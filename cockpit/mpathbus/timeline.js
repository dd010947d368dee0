// The transition signals as they arrive, newest first, and the stretches where some may be missing.

import { h } from "./dom.js";

const KEEP = 1000;

const WORDS = {
    PathFailed: "path failed",
    PathReinstated: "path reinstated",
    MapFailed: "map failed",
    MapRestored: "map restored",
    PolicyChanged: "policy changed",
};

export class Timeline {
    constructor(list, counter) {
        this.list = list;
        this.counter = counter;
        this.lastSeqnum = null;
        this.entries = 0;
    }

    /** A transition signal of a Map object; names are looked up when it arrives. */
    signal(kind, args, mapName, pathName) {
        const seqnum = kind === "PolicyChanged" ? args[1] : args[args.length - 1];
        if (this.lastSeqnum !== null && seqnum <= this.lastSeqnum) {
            this.notice("Sequence numbers started again: the daemon restarted, so earlier entries belong to its previous run.");
        }
        this.lastSeqnum = seqnum;
        let what = "";
        if (kind === "PathFailed" || kind === "PathReinstated") {
            what = `${pathName} of ${mapName}, ${args[1]} valid path(s) left`;
        } else if (kind === "PolicyChanged") {
            what = `${mapName}: ${args[0]}`;
        } else {
            what = mapName;
        }
        this.add(h("li", { class: "event event-" + kind, dataset: { kind, seqnum: String(seqnum), map: mapName, path: pathName || "" } },
                   h("time", null, timestamp()), h("span", { class: "seqnum" }, "#" + seqnum),
                   h("span", { class: "event-kind" }, WORDS[kind] || kind), h("span", { class: "event-what" }, what)));
    }

    /** A stretch the list cannot vouch for, such as the daemon away from the bus. */
    notice(text) {
        this.add(h("li", { class: "event event-gap", dataset: { kind: "gap" } },
                   h("time", null, timestamp()), h("span", { class: "event-what" }, text)));
    }

    add(item) {
        this.list.prepend(item);
        this.entries++;
        while (this.list.childElementCount > KEEP) {
            this.list.lastElementChild.remove();
        }
        this.counter.textContent = String(this.entries);
    }
}

function timestamp() {
    const now = new Date();
    return now.toLocaleTimeString([], { hour12: false }) + "." + String(now.getMilliseconds()).padStart(3, "0");
}

// Changes an administrator makes from the page: each asks for confirmation in a dialog, is sent to the
// daemon's control interfaces (present only while its write-capable exporter runs), and shows the
// daemon's refusal in words. The page learns the outcome the way it learns everything: from signals.

import { h, replaceChildren } from "./dom.js";
import { BUS_NAME, ROOT } from "./model.js";

export const CONTROL = {
    manager: BUS_NAME + ".ManagerControl",
    map: BUS_NAME + ".MapControl",
    path: BUS_NAME + ".PathControl",
    config: BUS_NAME + ".ConfigControl",
};

/** The Config object, which carries ConfigControl while the daemon may change multipath's configuration. */
export const CONFIG_OBJECT = ROOT + "/config";

/** How long the daemon may take (multipathd and the effect showing), in seconds. */
const TIMEOUT_S = 60;

const ERROR = BUS_NAME + ".Error.";
const ERROR_WORDS = {
    NotAuthorized: "You are not allowed to do this.",
    NotAuthorizedCanObtain: "This needs authentication, which the page could not ask for.",
    NotAuthorizedDismissed: "The authentication was dismissed.",
    NotFound: "multipathd does not know this map or path (any more).",
    InUse: "The map is in use (open, mounted, or held by another device), so it was left alone.",
    Busy: "The daemon or multipathd is busy; try again in a moment.",
    Timeout: "No answer in time; multipathd may still carry it out.",
    Failed: "multipathd refused or failed.",
};

/** multipath-tools reads blacklist values as POSIX extended regular expressions. */
export function literalPattern(text) {
    return "^" + text.replace(/[\\.^$|?*+()[\]{}]/g, "\\$&") + "$";
}

/** A refused call in words: what it means, then the daemon's own message. */
export function errorWords(error) {
    const name = (error && error.name) || "";
    const meaning = name.startsWith(ERROR) ? ERROR_WORDS[name.substring(ERROR.length)] : null;
    const message = (error && error.message) || String(error);
    return meaning ? `${meaning} ${message}` : message;
}

/**
 * What each action asks and does. `ask` is the confirmation's question, `call` the control method with
 * its arguments' signature and values (the options a{sv} comes last).
 */
export const ACTIONS = {
    failPath: (path, map) => ({
        title: `Fail path ${path.Name}?`,
        ask: `I/O of ${map ? map.Name : "its map"} stops using ${path.Name} until it is reinstated. multipathd reinstates it by itself when its checker next finds it up.`,
        confirm: "Fail path",
        iface: CONTROL.path, objectPath: path.objectPath, method: "Fail", signature: "", args: [],
    }),
    reinstatePath: (path, map) => ({
        title: `Reinstate path ${path.Name}?`,
        ask: `${map ? map.Name : "Its map"} may send I/O through ${path.Name} again.`,
        confirm: "Reinstate path",
        iface: CONTROL.path, objectPath: path.objectPath, method: "Reinstate", signature: "", args: [],
    }),
    switchGroup: (map, group) => ({
        title: `Switch ${map.Name} to path group ${group.Index}?`,
        ask: `I/O of ${map.Name} moves to path group ${group.Index} (priority ${group.Priority}). multipathd may switch back by its failback setting.`,
        confirm: "Switch group",
        iface: CONTROL.map, objectPath: map.objectPath, method: "SwitchGroup", signature: "o", args: [group.objectPath],
    }),
    setAlias: map => ({
        title: `Set the alias of ${map.Name}?`,
        ask: `multipathd names the map of WWID ${map.Wwid} by this alias from now on (the device becomes /dev/mapper/ALIAS). Written to mpathbus's own file beside multipath.conf and applied by multipathd reconfigure; an empty alias removes the one mpathbus set.`,
        confirm: "Set alias",
        input: { label: "Alias", value: map.Name },
        iface: CONTROL.config, objectPath: CONFIG_OBJECT, method: "SetAlias", signature: "ss",
        args: alias => [map.Wwid, alias],
    }),
    blacklistWwid: (wwid, what) => ({
        title: `Blacklist WWID ${wwid}?`,
        ask: `multipathd stops using devices with WWID ${wwid}${what ? ` (${what})` : ""}: after the reconfigure its map goes away and I/O must use the paths directly. The entry is written to mpathbus's own file beside multipath.conf and can be removed on the Configuration tab.`,
        confirm: "Blacklist WWID",
        danger: true,
        iface: CONTROL.config, objectPath: CONFIG_OBJECT, method: "AddBlacklistEntry", signature: "sa{ss}",
        args: ["blacklist", { wwid: literalPattern(wwid) }],
    }),
    blacklistDevice: map => ({
        title: `Blacklist every ${map.Vendor} ${map.Product} device?`,
        ask: `multipathd stops using every device whose vendor is ${map.Vendor} and product ${map.Product}, ${map.Name} included: after the reconfigure their maps go away. The entry is written to mpathbus's own file beside multipath.conf and can be removed on the Configuration tab.`,
        confirm: "Blacklist device type",
        danger: true,
        iface: CONTROL.config, objectPath: CONFIG_OBJECT, method: "AddBlacklistEntry", signature: "sa{ss}",
        args: ["blacklist", { vendor: literalPattern(map.Vendor), product: literalPattern(map.Product) }],
    }),
    removeBlacklistEntry: (section, entry, words) => ({
        title: `Remove this ${section === "blacklist" ? "blacklist" : "blacklist exception"} entry?`,
        ask: `${words} is removed from mpathbus's own file and multipathd reconfigures${section === "blacklist" ? ": the devices it kept out may get maps again" : ""}.`,
        confirm: "Remove entry",
        iface: CONTROL.config, objectPath: CONFIG_OBJECT, method: "RemoveBlacklistEntry", signature: "sa{ss}",
        args: [section, entry],
    }),
    flushMap: map => ({
        title: `Flush map ${map.Name}?`,
        ask: `${map.Name} (${map.Wwid}) is removed from device-mapper, as multipath -f does. Its paths stay. A map that is open or in use is refused.`,
        confirm: "Flush map",
        danger: true,
        iface: CONTROL.map, objectPath: map.objectPath, method: "Flush", signature: "", args: [],
    }),
};

/** One dialog, reused by every action: confirmation, progress and the daemon's refusal. */
export class ActionDialog {
    constructor(dialog) {
        this.dialog = dialog;
        this.client = null;
    }

    /** Calls go through a client that uses administrative access when the session has it. */
    bus() {
        this.client ||= cockpit.dbus(BUS_NAME, { bus: "system", superuser: "try" });
        return this.client;
    }

    open(action) {
        const message = h("p", { class: "dialog-message" }, action.ask);
        const input = action.input && h("input", {
            type: "text", class: "dialog-input", value: action.input.value, "aria-label": action.input.label,
            maxlength: "128", spellcheck: "false",
        });
        const outcome = h("p", { class: "dialog-outcome", role: "alert", hidden: true });
        const cancel = h("button", { type: "button", class: "button", onclick: () => this.dialog.close() }, "Cancel");
        const confirm = h("button", {
            type: "button", class: "button " + (action.danger ? "button-danger" : "button-primary"),
            dataset: { confirm: action.method },
        }, action.confirm);
        confirm.addEventListener("click", () => this.perform(action, { confirm, cancel, outcome, input }));
        replaceChildren(this.dialog, h("h2", null, action.title), message,
                        input && h("label", { class: "dialog-field" }, action.input.label, " ", input), outcome,
                        h("div", { class: "dialog-buttons" }, cancel, confirm));
        this.dialog.dataset.method = action.method;
        this.dialog.dataset.state = "asking";
        this.dialog.showModal();
        (input || confirm).focus();
    }

    async perform(action, { confirm, cancel, outcome, input }) {
        confirm.disabled = true;
        this.dialog.dataset.state = "working";
        outcome.hidden = false;
        outcome.className = "dialog-outcome working";
        outcome.textContent = "Working…";
        const options = { timeout: cockpit.variant("u", TIMEOUT_S) };
        const args = typeof action.args === "function" ? action.args(input.value.trim()) : action.args;
        try {
            await this.bus().call(action.objectPath, action.iface, action.method, [...args, options],
                                  { type: action.signature + "a{sv}", timeout: (TIMEOUT_S + 5) * 1000 });
            this.dialog.dataset.state = "done";
            this.dialog.close();
        } catch (error) {
            this.dialog.dataset.state = "refused";
            this.dialog.dataset.error = error.name || "";
            outcome.className = "dialog-outcome refused";
            outcome.textContent = errorWords(error);
            cancel.textContent = "Close";
            confirm.disabled = false;
        }
    }
}

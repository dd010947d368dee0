package org.mpathbus.lab;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.BeforeClass;
import org.junit.Test;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Issue 11's lab part (src/test/guest/control.sh, a boot of its own): each control operation through the
 * daemon on the guest's system bus (gdbus call as root), checked with dmsetup (the dm change it must
 * cause, read with dm ioctls) and with multipathd's own view (show maps json, show paths) after it; the
 * errors by name (InUse for an open map, NotAuthorized for nobody, Timeout while multipathd is stopped);
 * and the figures beside the same operations through multipathd's CLI in the same guest.
 */
public class ControlLabIT {

    private static final String BUS = "org.mpathbus.Multipath1";
    private static final String ERROR = BUS + ".Error.";
    /** control.sh's STOPPED_TIMEOUT: the deadline of the write sent while multipathd is stopped. */
    private static final double STOPPED_TIMEOUT = 5;
    /** The operations in the order control.sh does them, each on both sides. */
    private static final List<String> OPERATIONS = List.of("fail", "reinstate", "switchgroup", "disablequeueing",
            "restorequeueing", "flush", "flush-open", "resize", "remove", "add");

    private static LabRun lab;
    private static Map<String, JsonObject> ops;
    private static List<JsonObject> bus;
    private static Map<String, String> targets;
    private static Map<String, String> objects;

    @BeforeClass
    public static void boot() {
        lab = ControlLab.run();
        ops = new LinkedHashMap<>();
        for (String line : lab.lines("ops.jsonl")) {
            JsonObject op = JsonParser.parseString(line).getAsJsonObject();
            ops.put(op.get("name").getAsString(), op);
        }
        bus = new ArrayList<>();
        for (String line : lab.lines("bus.jsonl")) {
            bus.add(JsonParser.parseString(line).getAsJsonObject());
        }
        targets = env("targets.env");
        objects = env("objects.env");
    }

    @Test
    public void theControlScriptRanEveryStepWithoutAFailedWait() {
        assertEquals("", lab.errorsText());
    }

    /** The baseline: every operation through multipathd's CLI did to dm what it should. */
    @Test
    public void theCliOperationsChangeDmAsTheDbusOnesMust() {
        for (String operation : OPERATIONS) {
            JsonObject op = op("cli:" + operation);
            assertTrue("cli " + operation + ": dm never showed " + op.get("condition") + "; reply " + op.get("output"),
                    op.has("effect") && !op.get("effect").isJsonNull());
        }
        assertEquals("multipathd's reply to del map of an open map", "fail", op("cli:flush-open").get("output").getAsString());
    }

    @Test
    public void failAndReinstateAPath() {
        String p = targets.get("P");
        succeeded("dbus:fail");
        assertEquals("Get DmState right after Fail's reply", "s \"failed\"", lab.text("dbus/fail-get-DmState.txt"));
        assertEquals("multipathd's dm_st of " + p + " after Fail", "failed", multipathdPath("dbus/fail", p).get("dm_st").getAsString());
        succeeded("dbus:reinstate");
        assertEquals("Get DmState right after Reinstate's reply", "s \"active\"", lab.text("dbus/reinstate-get-DmState.txt"));
        assertEquals("multipathd's dm_st of " + p + " after Reinstate", "active",
                multipathdPath("dbus/reinstate", p).get("dm_st").getAsString());
    }

    @Test
    public void switchAGroup() {
        succeeded("dbus:switchgroup");
        assertEquals("NextPathGroup right after SwitchGroup's reply", "o \"" + objects.get("MAP_A") + "/groups/2\"",
                lab.text("dbus/switchgroup-get-NextPathGroup.txt"));
        // dm's next group is 2 at once; the kernel makes it active at the next I/O, and multipathd shows it
        JsonObject mpatha = multipathdMap("dbus/switchgroup-after-io", "mpatha");
        assertEquals("multipathd's dm_st of mpatha's group 2 after SwitchGroup and I/O", "active",
                mpatha.getAsJsonArray("path_groups").get(1).getAsJsonObject().get("dm_st").getAsString());
        assertEquals("ActivePathGroup after SwitchGroup, I/O and Refresh", "o \"" + objects.get("MAP_A") + "/groups/2\"",
                lab.text("dbus/switchgroup-after-io-get-ActivePathGroup.txt"));
    }

    @Test
    public void disableAndRestoreQueueing() {
        succeeded("dbus:disablequeueing");
        assertEquals("Get Queueing right after SetQueueing(false)", "s \"off\"", lab.text("dbus/disablequeueing-get-Queueing.txt"));
        assertEquals("multipathd's queueing after SetQueueing(false)", "off",
                multipathdMap("dbus/disablequeueing", "mpatha").get("queueing").getAsString());
        succeeded("dbus:restorequeueing");
        assertEquals("Get Queueing right after SetQueueing(true)", "s \"on\"", lab.text("dbus/restorequeueing-get-Queueing.txt"));
        assertEquals("multipathd's queueing after SetQueueing(true)", "on",
                multipathdMap("dbus/restorequeueing", "mpatha").get("queueing").getAsString());
    }

    @Test
    public void flushAnUnusedMapAndRefuseAnOpenOne() {
        succeeded("dbus:flush");
        assertFalse("multipathd still has mpathb after Flush",
                Views.byName(lab.json("dbus/flush-multipathd.json").getAsJsonArray("maps")).containsKey("mpathb"));
        String mapB = objects.get("MAP_B");
        JsonObject call = busCall("dbus:flush", "Flush");
        int removed = firstSignalAfter(call, s -> "InterfacesRemoved".equals(member(s))
                && mapB.equals(s.getAsJsonArray("args").get(0).getAsString()));
        assertTrue("no InterfacesRemoved of " + mapB + " after Flush", removed >= 0);
        assertTrue("Flush replied before the map's InterfacesRemoved went out", removed < bus.indexOf(reply(call)));
        assertFalse("Maps right after Flush's reply still names " + mapB, lab.text("dbus/flush-get-Maps.txt").contains(mapB));

        JsonObject open = op("dbus:flush-open");
        assertError(open, "InUse");
        assertTrue("mpatha is gone after a refused Flush", open.get("exists").getAsBoolean());
        assertTrue("multipathd lost mpatha after a refused Flush",
                Views.byName(lab.json("dbus/flush-open-multipathd.json").getAsJsonArray("maps")).containsKey("mpatha"));
    }

    @Test
    public void resizeAMapAfterItsLunGrew() {
        succeeded("dbus:resize");
        assertEquals("Get SizeBytes right after Resize", "t " + 4194304L * 512, lab.text("dbus/resize-get-SizeBytes.txt"));
        assertTrue("multipathd's size of mpatha after Resize: " + lab.text("dbus/resize-show-maps.txt"),
                lab.lines("dbus/resize-show-maps.txt").stream().anyMatch(l -> l.matches("mpatha .* 2(\\.0)?G .*")));
    }

    @Test
    public void removeAPathAndAddItBack() {
        String q = targets.get("Q");
        succeeded("dbus:remove");
        assertEquals("Get Map right after Remove", "o \"/\"", lab.text("dbus/remove-get-Map.txt"));
        assertFalse("multipathd still knows " + q + " after Remove",
                lab.lines("dbus/remove-show-paths.txt").stream().anyMatch(l -> l.startsWith(q + " ")));
        JsonObject add = succeeded("dbus:add");
        String mapB = objects.get("MAP_B");
        assertEquals("AddPath's reply: the map object " + q + " joined", "(objectpath '" + mapB + "',)",
                add.get("output").getAsString());
        assertEquals("Get Map right after AddPath", "o \"" + mapB + "\"", lab.text("dbus/add-get-Map.txt"));
        assertEquals(q + "'s map in multipathd's view after AddPath", "mpathb", multipathdPathMap("dbus/add", q));
    }

    /**
     * As nobody: with this machine's polkitd and the shipped actions (auth_admin_keep, no agent), polkit would
     * let an administrator's password allow it; with no polkit authority on the bus only root may, and root
     * still may. dm does not change.
     */
    @Test
    public void nobodyIsNotAuthorizedAndNothingChanges() {
        assertNobody("polkit", "NotAuthorizedCanObtain");
        assertNobody("no-polkit", "NotAuthorized");
        succeeded("no-polkit:fail");
        succeeded("no-polkit:reinstate");
    }

    /**
     * Root, with this machine's polkitd running and our actions not installed (polkitd says "not registered"):
     * Fail is carried out, in dm and in multipathd, without an answer from polkit.
     */
    @Test
    public void rootFailsAPathWithPolkitdRunningAndNoPolicyInstalled() {
        assertFalse("our policy still installed: " + lab.text("no-policy/actions.txt"),
                lab.text("no-policy/actions.txt").contains("org.mpathbus"));
        String before = lab.text("no-policy/polkitd-before.txt").trim();
        assertFalse("polkitd was not running before root's Fail", before.isEmpty());
        assertEquals("polkitd's pid before and after root's Fail", before, lab.text("no-policy/polkitd-after.txt").trim());
        assertTrue("pkcheck of our action with no policy: " + lab.text("no-policy/pkcheck.txt"),
                lab.text("no-policy/pkcheck.txt").contains("not registered"));
        succeeded("no-policy:fail");
        assertEquals("multipathd's dm_st of " + targets.get("P") + " after root's Fail with no policy", "failed",
                multipathdPath("no-policy/fail", targets.get("P")).get("dm_st").getAsString());
        succeeded("no-policy:reinstate");
    }

    private static void assertNobody(String authority, String error) {
        for (String call : List.of("fail", "setqueueing", "reconfigure")) {
            String reply = lab.text("nobody/" + authority + "/" + call + ".txt");
            assertTrue(call + " as nobody (" + authority + "): " + reply, reply.contains("GDBus.Error:" + ERROR + error + ":"));
        }
        String mpatha = lab.lines("nobody/" + authority + "/after-dmsetup-status.txt").stream()
                .filter(l -> l.startsWith("mpatha:")).findFirst().orElseThrow();
        assertTrue("nobody's Fail changed " + targets.get("P") + " (" + authority + "): " + mpatha,
                mpatha.contains(" " + targets.get("P_DEVNUM") + " A "));
        assertTrue("nobody's SetQueueing(false) changed mpatha (" + authority + ")", lab.lines("nobody/" + authority
                + "/after-dmsetup-table.txt").stream().anyMatch(l -> l.startsWith("mpatha: ") && l.contains("queue_if_no_path")));
        assertTrue("nobody cannot read (" + authority + "): " + lab.text("nobody/" + authority + "/read.err"),
                lab.text("nobody/" + authority + "/read.json").contains(BUS + ".Map"));
    }

    @Test
    public void aStoppedMultipathdMakesAWriteTimeOutWhileReadsGoOn() {
        JsonObject write = op("stopped:dbus-fail");
        assertError(write, "Timeout");
        JsonObject call = busCall("stopped:dbus-fail", "Fail");
        double took = at(reply(call)) - at(call);
        assertTrue("the write's Timeout came " + took + " s after the call (on the bus), its deadline " + STOPPED_TIMEOUT
                + " s", took >= STOPPED_TIMEOUT - 0.5 && took <= STOPPED_TIMEOUT + 1);
        for (String read : List.of("stopped:read-managed-objects", "stopped:read-get")) {
            JsonObject r = op(read);
            assertEquals(read + " while multipathd is stopped: " + r.get("output"), 0, r.get("exit").getAsInt());
            assertTrue(read + " ended after the write's reply: it waited for multipathd",
                    r.get("reply").getAsDouble() < write.get("reply").getAsDouble());
        }
        assertTrue(lab.text("stopped/read-managed-objects.json").contains(BUS + ".PathControl"));
    }

    /** Each operation's figures, printed; fails only when one is missing. */
    @Test
    public void printsTheFigures() {
        // bus: from the call as the bus monitor saw it to its reply, to the signal that shows the change, and
        // to the dm change; gdbus and cli: from the client process's start to its exit and to the dm change
        StringBuilder table = new StringBuilder(String.format("%n[lab] control operations, ms (TCG guest)%n"
                + "[lab] %-16s %10s %10s %10s %10s %10s %10s %10s%n",
                "operation", "bus reply", "bus signal", "bus->dm", "gdbus exit", "gdbus->dm", "cli exit", "cli->dm"));
        List<String> missing = new ArrayList<>();
        for (String operation : OPERATIONS) {
            JsonObject dbus = op("dbus:" + operation);
            JsonObject cli = op("cli:" + operation);
            JsonObject call = busCall("dbus:" + operation, null);
            JsonObject reply = reply(call);
            int signal = firstSignalAfter(call, signalShowing(operation));
            if (reply == null || (signal < 0 && !operation.equals("flush-open"))) {
                missing.add(operation);
            }
            // a refused flush changes nothing in dm: no time to a change
            boolean changes = !operation.equals("flush-open");
            table.append(String.format("[lab] %-16s %10s %10s %10s %10s %10s %10s %10s%n", operation,
                    reply == null ? "-" : ms(at(reply) - at(call)),
                    signal < 0 ? "-" : ms(at(bus.get(signal)) - at(call)),
                    changes ? ms(dbus.get("effect").getAsDouble() - at(call)) : "-",
                    processMs(dbus), changes ? effectMs(dbus) : "-", processMs(cli), changes ? effectMs(cli) : "-"));
        }
        JsonObject stoppedCli = op("stopped:cli-fail");
        JsonObject first = busCall("dbus:first-call", null);
        table.append(String.format("[lab] the first call after boot (SetQueueing true, polkitd activated by the bus): "
                + "%s ms on the bus%n", ms(at(reply(first)) - at(first))));
        JsonObject stoppedCall = busCall("stopped:dbus-fail", "Fail");
        table.append(String.format("[lab] multipathd stopped: CLI fail path replied in %s ms (%s); D-Bus Fail (timeout %s s)"
                + " replied %s on the bus in %s ms; GetManagedObjects and Get meanwhile in %s and %s ms (busctl)%n",
                processMs(stoppedCli), stoppedCli.get("output").getAsString(), STOPPED_TIMEOUT,
                string(reply(stoppedCall), "error"), ms(at(reply(stoppedCall)) - at(stoppedCall)),
                processMs(op("stopped:read-managed-objects")), processMs(op("stopped:read-get"))));
        System.out.print(table);
        assertTrue("no call, reply or signal on the bus for " + missing, missing.isEmpty());
    }

    /** The signal whose arrival shows the operation's effect to a client. */
    private static Predicate<JsonObject> signalShowing(String operation) {
        String pathP = objects.get("PATH_P");
        String pathQ = objects.get("PATH_Q");
        String mapA = objects.get("MAP_A");
        String mapB = objects.get("MAP_B");
        return switch (operation) {
            case "fail" -> changed(pathP, BUS + ".Path", "DmState", "failed");
            case "reinstate" -> changed(pathP, BUS + ".Path", "DmState", "active");
            case "switchgroup" -> changed(mapA, BUS + ".Map", "NextPathGroup", mapA + "/groups/2");
            case "disablequeueing" -> changed(mapA, BUS + ".Map", "Queueing", "off");
            case "restorequeueing" -> changed(mapA, BUS + ".Map", "Queueing", "on");
            case "flush" -> s -> "InterfacesRemoved".equals(member(s)) && mapB.equals(s.getAsJsonArray("args").get(0).getAsString());
            case "resize" -> changed(mapA, BUS + ".Map", "SizeBytes", null);
            case "remove" -> changed(pathQ, BUS + ".Path", "Map", "/");
            case "add" -> changed(pathQ, BUS + ".Path", "Map", mapB);
            default -> s -> false;
        };
    }

    /** PropertiesChanged of object's iface carrying property (with value, unless null). */
    private static Predicate<JsonObject> changed(String object, String iface, String property, String value) {
        return s -> {
            if (!"PropertiesChanged".equals(member(s)) || !object.equals(string(s, "path"))) {
                return false;
            }
            var args = s.getAsJsonArray("args");
            if (!iface.equals(args.get(0).getAsString())) {
                return false;
            }
            JsonElement v = args.get(1).getAsJsonObject().get(property);
            return v != null && (value == null || value.equals(v.getAsString()));
        };
    }

    private static JsonObject op(String name) {
        JsonObject op = ops.get(name);
        assertNotNull("the guest never did " + name + lab.errorsText(), op);
        return op;
    }

    /** The D-Bus operation replied without error, and dm showed its effect. */
    private static JsonObject succeeded(String name) {
        JsonObject op = op(name);
        assertEquals(name + ": gdbus call failed: " + op.get("output"), 0, op.get("exit").getAsInt());
        assertFalse(name + ": dm never showed " + op.get("condition") + "; dm status then: " + op.get("status"),
                op.get("effect").isJsonNull());
        return op;
    }

    private static void assertError(JsonObject op, String error) {
        assertTrue(op.get("name").getAsString() + ": expected " + ERROR + error + ", got " + op.get("output"),
                op.get("output").getAsString().contains("GDBus.Error:" + ERROR + error + ":"));
        JsonObject reply = reply(busCall(op.get("name").getAsString(), null));
        assertNotNull("no reply on the bus to " + op.get("name"), reply);
        assertEquals("the error on the bus", ERROR + error, string(reply, "error"));
    }

    /** The method call the operation's gdbus made, as the bus monitor saw it: the first after the call began. */
    private static JsonObject busCall(String name, String member) {
        JsonObject op = op(name);
        String method = member != null ? member : op.getAsJsonArray("command").asList().stream()
                .map(JsonElement::getAsString).filter(w -> w.startsWith(BUS + "."))
                .map(w -> w.substring(w.lastIndexOf('.') + 1)).findFirst().orElseThrow();
        double start = op.get("call").getAsDouble();
        return bus.stream().filter(m -> "call".equals(string(m, "type")) && method.equals(member(m)) && at(m) >= start)
                .findFirst().orElseThrow(() -> new AssertionError("the bus monitor saw no " + method + " call for " + name));
    }

    private static JsonObject reply(JsonObject call) {
        long serial = call.get("serial").getAsLong();
        String sender = string(call, "sender");
        return bus.stream().filter(m -> ("return".equals(string(m, "type")) || "error".equals(string(m, "type")))
                && sender.equals(string(m, "destination")) && m.get("reply_serial").getAsLong() == serial)
                .findFirst().orElse(null);
    }

    private static int firstSignalAfter(JsonObject call, Predicate<JsonObject> which) {
        for (int i = bus.indexOf(call) + 1; i < bus.size(); i++) {
            if ("signal".equals(string(bus.get(i), "type")) && which.test(bus.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static JsonObject multipathdMap(String prefix, String name) {
        JsonObject map = Views.byName(lab.json(prefix + "-multipathd.json").getAsJsonArray("maps")).get(name);
        assertNotNull("multipathd has no " + name + " in " + prefix + "-multipathd.json", map);
        return map;
    }

    private static JsonObject multipathdPath(String prefix, String dev) {
        for (JsonElement map : lab.json(prefix + "-multipathd.json").getAsJsonArray("maps")) {
            for (JsonElement group : map.getAsJsonObject().getAsJsonArray("path_groups")) {
                for (JsonElement path : group.getAsJsonObject().getAsJsonArray("paths")) {
                    if (dev.equals(path.getAsJsonObject().get("dev").getAsString())) {
                        return path.getAsJsonObject();
                    }
                }
            }
        }
        throw new AssertionError("multipathd has no path " + dev + " in " + prefix + "-multipathd.json");
    }

    private static String multipathdPathMap(String prefix, String dev) {
        for (JsonElement map : lab.json(prefix + "-multipathd.json").getAsJsonArray("maps")) {
            for (JsonElement group : map.getAsJsonObject().getAsJsonArray("path_groups")) {
                for (JsonElement path : group.getAsJsonObject().getAsJsonArray("paths")) {
                    if (dev.equals(path.getAsJsonObject().get("dev").getAsString())) {
                        return map.getAsJsonObject().get("name").getAsString();
                    }
                }
            }
        }
        return null;
    }

    private static Map<String, String> env(String file) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String word : lab.text(file).split("\\s+")) {
            int eq = word.indexOf('=');
            if (eq > 0) {
                values.put(word.substring(0, eq), word.substring(eq + 1));
            }
        }
        return values;
    }

    private static String member(JsonObject message) {
        return string(message, "member");
    }

    private static String string(JsonObject message, String key) {
        JsonElement value = message.get(key);
        return value == null || value.isJsonNull() ? null : value.getAsString();
    }

    private static double at(JsonObject message) {
        return message.get("t").getAsDouble();
    }

    private static String effectMs(JsonObject op) {
        return op.get("effect").isJsonNull() ? "-" : ms(op.get("effect").getAsDouble() - op.get("call").getAsDouble());
    }

    private static String processMs(JsonObject op) {
        return ms(op.get("reply").getAsDouble() - op.get("call").getAsDouble());
    }

    private static String ms(double seconds) {
        return String.format("%.0f", seconds * 1000);
    }
}

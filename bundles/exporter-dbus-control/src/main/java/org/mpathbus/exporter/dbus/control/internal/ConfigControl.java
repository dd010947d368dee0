package org.mpathbus.exporter.dbus.control.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.mpathbus.config.ConfigChange;
import org.mpathbus.config.ConfigEditException;
import org.mpathbus.config.ConfigEditException.Kind;
import org.mpathbus.config.ConfigEditor;
import org.mpathbus.exporter.dbus.spi.BusCall;
import org.mpathbus.exporter.dbus.spi.BusError;
import org.mpathbus.exporter.dbus.spi.BusReply;
import org.mpathbus.exporter.dbus.spi.CallerText;
import org.mpathbus.exporter.dbus.spi.ObjectType;

/**
 * org.mpathbus.Multipath1.ConfigControl on the Config object: each method is one {@link ConfigChange} that the
 * config bundle's {@link ConfigEditor} checks and writes; applying it is multipathd's reconfigure through the
 * control of the snapshot's source, and the reply waits for the {@link ConfigEffects effect} on the exported
 * maps. An editor refusal keeps its words and becomes the matching typed error.
 */
final class ConfigControl extends ControlInterface {

    static final String NAME = "org.mpathbus.Multipath1.ConfigControl";
    static final String CONFIGURE = "org.mpathbus.multipath1.configure";

    private final ConfigEditor editor;
    private final Changes changes;

    ConfigControl(ConfigEditor editor, Changes changes) {
        super(NAME, ObjectType.CONFIG, actions());
        this.editor = editor;
        this.changes = changes;
    }

    private static Map<String, String> actions() {
        Map<String, String> actions = new LinkedHashMap<>();
        for (String method : new String[] { "SetAlias", "AddBlacklistEntry", "RemoveBlacklistEntry", "SetDefault",
                "ClearDefault", "SetDevice", "RemoveDevice", "SetMultipath", "RemoveMultipath" }) {
            actions.put(method, CONFIGURE);
        }
        return actions;
    }

    @Override
    BusReply call(BusCall call, Deadline deadline) throws BusError, InterruptedException {
        ConfigChange change = change(call);
        String source = call.topology().source();
        Effect effect = ConfigEffects.of(change, call.topology());
        try {
            editor.change(change, deadline.remaining(), (loaded, remaining, restoring) -> {
                try {
                    changes.carryOut(source, "reconfigure after " + change.describe(),
                            (control, timeout) -> control.reconfigure(timeout),
                            restoring ? Effect.reread("reconfigure") : effect,
                            Deadline.until(System.nanoTime() + remaining.toNanos(), remaining));
                } catch (BusError e) {
                    throw new ConfigEditException(kindOf(e), e.getMessage());
                }
            });
        } catch (ConfigEditException e) {
            throw new BusError(errorOf(e.kind()), call.member() + ": " + e.getMessage());
        }
        return BusReply.EMPTY;
    }

    private static ConfigChange change(BusCall call) throws BusError {
        return switch (call.member()) {
        case "SetAlias" -> new ConfigChange.SetAlias(stringArgument(call, 0, "wwid"),
                stringArgument(call, 1, "alias"));
        case "AddBlacklistEntry" -> new ConfigChange.AddBlacklistEntry(stringArgument(call, 0, "section"),
                dictionary(call, 1, "entry"));
        case "RemoveBlacklistEntry" -> new ConfigChange.RemoveBlacklistEntry(stringArgument(call, 0, "section"),
                dictionary(call, 1, "entry"));
        case "SetDefault" -> new ConfigChange.SetDefault(stringArgument(call, 0, "key"),
                stringArgument(call, 1, "value"));
        case "ClearDefault" -> new ConfigChange.ClearDefault(stringArgument(call, 0, "key"));
        case "SetDevice" -> new ConfigChange.SetDevice(stringArgument(call, 0, "vendor"),
                stringArgument(call, 1, "product"), dictionary(call, 2, "attributes"));
        case "RemoveDevice" -> new ConfigChange.RemoveDevice(stringArgument(call, 0, "vendor"),
                stringArgument(call, 1, "product"));
        case "SetMultipath" -> new ConfigChange.SetMultipath(stringArgument(call, 0, "wwid"),
                dictionary(call, 1, "attributes"));
        default -> new ConfigChange.RemoveMultipath(stringArgument(call, 0, "wwid"));
        };
    }

    /** An a{ss} argument (the exporter checked its type against the introspection and its size). */
    private static Map<String, String> dictionary(BusCall call, int index, String argument) throws BusError {
        Object value = call.arguments().size() > index ? call.arguments().get(index) : null;
        if (!(value instanceof Map<?, ?> map)) {
            throw new BusError(BusError.INVALID_ARGS, call.member() + ": argument '" + argument
                    + "' must be a dictionary of strings, not " + CallerText.quote(value));
        }
        Map<String, String> strings = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            strings.put(String.valueOf(e.getKey()), String.valueOf(e.getValue()));
        }
        return strings;
    }

    private static Kind kindOf(BusError e) {
        return switch (e.errorName()) {
        case BusError.TIMEOUT -> Kind.TIMEOUT;
        case BusError.BUSY -> Kind.BUSY;
        default -> Kind.FAILED;
        };
    }

    static String errorOf(Kind kind) {
        return switch (kind) {
        case INVALID -> BusError.INVALID_ARGS;
        case NOT_FOUND -> BusError.NOT_FOUND;
        case BUSY -> BusError.BUSY;
        case TIMEOUT -> BusError.TIMEOUT;
        case FAILED -> BusError.FAILED;
        };
    }
}

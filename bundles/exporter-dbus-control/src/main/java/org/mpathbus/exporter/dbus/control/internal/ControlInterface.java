package org.mpathbus.exporter.dbus.control.internal;

import java.util.Map;

import org.mpathbus.exporter.dbus.spi.BusCall;
import org.mpathbus.exporter.dbus.spi.BusError;
import org.mpathbus.exporter.dbus.spi.BusInterface;
import org.mpathbus.exporter.dbus.spi.BusReply;
import org.mpathbus.exporter.dbus.spi.CallerText;
import org.mpathbus.exporter.dbus.spi.ObjectType;

/**
 * What the three control interfaces share: the name, the documented introspection, the polkit action of each
 * method (checked against the document's methods at start, so the two cannot drift apart), the options, and
 * the arguments' checks.
 */
abstract class ControlInterface implements BusInterface {

    static final String MANAGE_PATHS = "org.mpathbus.multipath1.manage-paths";
    static final String MANAGE_MAPS = "org.mpathbus.multipath1.manage-maps";
    static final String RECONFIGURE = "org.mpathbus.multipath1.reconfigure";
    static final String MANAGE_WWIDS = "org.mpathbus.multipath1.manage-wwids";

    private final String name;
    private final ObjectType objectType;
    private final String introspection;
    private final Map<String, String> actions;

    ControlInterface(String name, ObjectType objectType, Map<String, String> actions) {
        InterfaceDescription description = InterfaceDescription.load(name);
        if (!description.methods().equals(actions.keySet())) {
            throw new IllegalStateException(name + ": docs/dbus documents the methods " + description.methods()
                    + ", the bundle authorizes " + actions.keySet());
        }
        this.name = name;
        this.objectType = objectType;
        this.introspection = description.introspection();
        this.actions = Map.copyOf(actions);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final ObjectType objectType() {
        return objectType;
    }

    @Override
    public final String introspection() {
        return introspection;
    }

    @Override
    public final String action(String member) {
        return actions.get(member);
    }

    @Override
    public final BusReply call(BusCall call) throws BusError, InterruptedException {
        if (!actions.containsKey(call.member())) {
            throw new BusError("org.freedesktop.DBus.Error.UnknownMethod", name + " has no method " + call.member());
        }
        // The exporter's deadline: it started when the call arrived, and polkit has had its part
        Deadline deadline = Deadline.until(call.deadlineNanos(), CallOptions.parse(call.options()).timeout());
        return call(call, deadline);
    }

    /** Carries out a call of one of this interface's methods, its options checked. */
    abstract BusReply call(BusCall call, Deadline deadline) throws BusError, InterruptedException;

    static String stringArgument(BusCall call, int index, String argument) throws BusError {
        return argument(call, index, argument, String.class, "a string");
    }

    static boolean booleanArgument(BusCall call, int index, String argument) throws BusError {
        return argument(call, index, argument, Boolean.class, "a boolean");
    }

    private static <T> T argument(BusCall call, int index, String argument, Class<T> type, String what)
            throws BusError {
        if (call.arguments().size() <= index) {
            throw new BusError(BusError.INVALID_ARGS, call.member() + ": argument '" + argument + "' is missing");
        }
        Object value = call.arguments().get(index);
        if (!type.isInstance(value)) {
            throw new BusError(BusError.INVALID_ARGS, call.member() + ": argument '" + argument + "' must be " + what
                    + ", not " + CallerText.quote(value));
        }
        return type.cast(value);
    }
}

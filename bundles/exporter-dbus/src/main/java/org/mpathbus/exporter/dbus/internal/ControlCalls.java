package org.mpathbus.exporter.dbus.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.messages.Message;
import org.freedesktop.dbus.messages.MethodCall;
import org.mpathbus.exporter.dbus.spi.BusCall;
import org.mpathbus.exporter.dbus.spi.BusError;
import org.mpathbus.exporter.dbus.spi.BusReply;
import org.mpathbus.exporter.dbus.spi.CallerText;
import org.mpathbus.exporter.dbus.spi.Caller;

/**
 * Calls of the whiteboard's interfaces: at most {@link #MAX_IN_FLIGHT} at once on the connection and
 * {@link CallerSlots#PER_USER} per user (more are refused with Busy at once), each on a thread of its own pool
 * (never dbus-java's, never the writer), so a provider or a polkit that blocks stalls neither reads nor other
 * users' calls. Each call: who the bus says called, the object and interface in the published model, the
 * arguments checked against the interface's introspection, decoded to plain Java and held to
 * {@link ArgumentLimits}, polkit (not for root), the provider, its reply or error, all within one deadline
 * that starts when the call arrives; one INFO line logs it, caller text quoted by {@link CallerText}.
 */
final class ControlCalls implements AutoCloseable {

    private static final Logger LOG = System.getLogger(ControlCalls.class.getName());
    /** Threads of the pool; each user may hold only {@link CallerSlots#PER_USER} of them. */
    static final int MAX_IN_FLIGHT = 64;
    static final String UNKNOWN_OBJECT = "org.freedesktop.DBus.Error.UnknownObject";
    static final String UNKNOWN_INTERFACE = "org.freedesktop.DBus.Error.UnknownInterface";
    static final String UNKNOWN_METHOD = "org.freedesktop.DBus.Error.UnknownMethod";
    /** A call's deadline when it names no timeout, and more when polkit may ask the user. */
    static final long AUTHORIZATION_MILLIS = 30_000;
    static final long INTERACTION_MILLIS = 90_000;
    /** The most learning who called may take of a call's deadline. */
    private static final long CREDENTIALS_MILLIS = 10_000;
    private static final long MAX_TIMEOUT_SECONDS = 600;
    /** An outcome is ours, the provider's or polkit's words, with caller text quoted in it. */
    private static final int OUTCOME_CHARS = 1024;

    private final BusRouter router;
    private final DBusConnection connection;
    private final Authorizer authorizer;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final CallerSlots slots = new CallerSlots();
    private final PendingAuthorizations pending = new PendingAuthorizations();
    private final ThreadPoolExecutor executor;

    ControlCalls(BusRouter router, DBusConnection connection, Authorizer authorizer) {
        this.router = router;
        this.connection = connection;
        this.authorizer = authorizer;
        AtomicInteger threads = new AtomicInteger();
        // As many threads as calls may be in flight, so an admitted call never waits behind a blocked one
        this.executor = new ThreadPoolExecutor(MAX_IN_FLIGHT, MAX_IN_FLIGHT, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "mpathbus-dbus-control-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
    }

    /**
     * Whether {@code call} is taken from dbus-java: one of an added interface's (published now), or of any other
     * interface the exporter does not serve itself, so that a call of a control interface that is not there
     * (writes off) gets the standard UnknownInterface rather than dbus-java's own error name.
     */
    boolean handles(ExportModel model, MethodCall call) {
        return model != null && call.getInterface() != null && !AddedInterfaces.reserved(call.getInterface());
    }

    /** The caller {@code busName} left the bus: its waits for polkit end now. */
    void gone(String busName) {
        pending.gone(busName);
    }

    /** Takes {@code call} (reader thread): refused at once beyond the bound, else carried out on the pool. */
    void dispatch(MethodCall call, boolean noReply) {
        long arrived = System.nanoTime();
        if (inFlight.incrementAndGet() > MAX_IN_FLIGHT) {
            inFlight.decrementAndGet();
            LOG.log(Level.INFO, "D-Bus call {0}.{1} on {2} from {3}: refused with {4}, {5} control calls in flight",
                    call.getInterface(), call.getName(), call.getPath(), call.getSource(), BusError.BUSY,
                    String.valueOf(MAX_IN_FLIGHT));
            if (!noReply) {
                sendError(call, BusError.BUSY, ObjectPaths.BUS_NAME + " is busy: " + MAX_IN_FLIGHT
                        + " control calls are in flight; call again later");
            }
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    carryOut(call, noReply, arrived);
                } finally {
                    inFlight.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.decrementAndGet();
            sendError(call, BusError.FAILED, ObjectPaths.BUS_NAME + " is stopping");
        }
    }

    private void carryOut(MethodCall call, boolean noReply, long arrived) {
        long start = arrived;
        String target = call.getInterface() + "." + call.getName() + " on " + call.getPath();
        Caller caller = null;
        List<Object> arguments = List.of();
        Map<String, Object> options = Map.of();
        String outcome;
        boolean slot = false;
        try {
            caller = CallerCredentials.of(connection, call.getSource(), CREDENTIALS_MILLIS);
            ExportModel model = router.model();
            BusObject object = model.object(call.getPath());
            if (object == null) {
                throw new BusError(UNKNOWN_OBJECT, call.getPath() + " is not an object of " + ObjectPaths.BUS_NAME);
            }
            AddedInterface iface = model.addedInterface(call.getPath(), call.getInterface());
            if (iface == null) {
                throw new BusError(UNKNOWN_INTERFACE, "object " + call.getPath() + " has no interface "
                        + call.getInterface() + (call.getInterface().startsWith(ObjectPaths.BUS_NAME + ".")
                                ? " (control interfaces are there only while writes are enabled in"
                                        + " etc/org.mpathbus.exporter.dbus.control.cfg)"
                                : ""));
            }
            AddedInterface.Method method = iface.methods().get(call.getName());
            String action = method == null ? null : iface.provider().action(call.getName());
            if (action == null) {
                throw new BusError(UNKNOWN_METHOD, "interface " + iface.name() + " has no method " + call.getName());
            }
            List<Object> decoded = decode(call, iface, method);
            Map<String, Object> given = method.takesOptions() ? asOptions(decoded.remove(decoded.size() - 1))
                    : Map.of();
            String name = iface.name() + "." + call.getName();
            ArgumentLimits.checkArguments(name, decoded);
            ArgumentLimits.checkOptions(name, given);
            arguments = decoded;
            options = given;
            ControlOptions checked = ControlOptions.of(options);
            long deadline = arrived + checked.timeoutMillis() * 1_000_000;
            String full = slots.take(caller.uid());
            if (full != null) {
                throw new BusError(BusError.BUSY, ObjectPaths.BUS_NAME + " is busy: " + full
                        + "; call again once one is answered");
            }
            slot = true;
            authorize(caller, action, describe(call.getName(), object), checked, deadline);
            BusReply reply = iface.provider().call(new BusCall(call.getPath(), call.getName(), arguments, options,
                    caller, model.topology(), deadline));
            sendReply(call, noReply, reply == null ? BusReply.EMPTY : reply, method, iface);
            outcome = "ok";
        } catch (BusError e) {
            outcome = e.errorName() + ": " + e.getMessage();
            if (!noReply) {
                sendError(call, e.errorName(), e.getMessage());
            }
        } catch (CallerGone e) {
            outcome = "cancelled: the caller left the bus while polkit was deciding";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = BusError.FAILED + ": interrupted, the exporter is stopping";
            sendError(call, BusError.FAILED, "interrupted: " + ObjectPaths.BUS_NAME + " is stopping");
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            outcome = BusError.FAILED + ": " + message;
            LOG.log(Level.WARNING, "D-Bus call " + target + " failed in its provider", e);
            if (!noReply) {
                sendError(call, BusError.FAILED, message);
            }
        }
        if (slot) {
            slots.release(caller.uid());
        }
        LOG.log(Level.INFO, "D-Bus call {0} by uid {1} pid {2} ({3}), arguments {4} options {5}: {6} ({7} ms)",
                target, caller == null ? "?" : String.valueOf(caller.uid()),
                caller == null ? "?" : String.valueOf(caller.pid()), call.getSource(), CallerText.quote(arguments),
                CallerText.quote(options), CallerText.escaped(outcome, OUTCOME_CHARS),
                String.valueOf((System.nanoTime() - start) / 1_000_000));
    }

    /** The caller left the bus while its call waited for polkit. */
    private static final class CallerGone extends Exception {
        private static final long serialVersionUID = 1L;
    }

    /** polkit's decision within what is left of the call's deadline, cancelled when the caller leaves. */
    private void authorize(Caller caller, String action, String what, ControlOptions checked, long deadline)
            throws BusError, InterruptedException, CallerGone {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new BusError(BusError.TIMEOUT, "the call's timeout passed before polkit was asked whether to "
                    + what);
        }
        pending.waiting(caller.busName());
        InterruptedException interrupted = null;
        try {
            authorizer.authorize(caller, action, what, checked.interactive(), left);
        } catch (InterruptedException e) {
            interrupted = e;
        } finally {
            // A caller that left needs no answer, whatever polkit said or failed to say
            if (pending.done(caller.busName())) {
                throw new CallerGone();
            }
        }
        if (interrupted != null) {
            throw interrupted;
        }
    }

    /** The arguments as plain Java, after checking that the message carries what the interface declares. */
    static List<Object> decode(MethodCall call, AddedInterface iface, AddedInterface.Method method) throws BusError {
        String signature = call.getSig() == null ? "" : call.getSig();
        if (!signature.equals(method.in())) {
            throw new BusError(BusError.INVALID_ARGS, iface.name() + "." + call.getName() + " takes arguments of type \""
                    + method.in() + "\", not \"" + signature + "\"");
        }
        try {
            Object[] values = call.getParameters();
            List<String> types = WireValues.split(signature);
            List<Object> plain = new ArrayList<>(types.size());
            for (int i = 0; i < types.size(); i++) {
                plain.add(WireValues.toPlain(values[i], types.get(i)));
            }
            return plain;
        } catch (DBusException | RuntimeException e) {
            throw new BusError(BusError.INVALID_ARGS, "cannot read the arguments of " + iface.name() + "."
                    + call.getName() + ": " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asOptions(Object decoded) {
        return (Map<String, Object>) decoded;
    }

    /** The change in words, for messages: "fail path sda", "set queueing map mpatha", "reconfigure". */
    static String describe(String member, BusObject object) {
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < member.length(); i++) {
            char c = member.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                words.append(' ');
            }
            words.append(Character.toLowerCase(c));
        }
        Object name = switch (object.kind()) {
            case PATH -> object.interfaces().get(ObjectPaths.PATH_INTERFACE).get("Name").getValue();
            case MAP -> object.interfaces().get(ObjectPaths.MAP_INTERFACE).get("Name").getValue();
            default -> null;
        };
        if (name != null) {
            words.append(object.kind() == ObjectKind.PATH ? " path " : " map ").append(name);
        }
        return words.toString();
    }

    private void sendReply(MethodCall call, boolean noReply, BusReply reply, AddedInterface.Method method,
            AddedInterface iface) throws BusError {
        if (!reply.signature().equals(method.out())) {
            throw new BusError(BusError.FAILED, iface.name() + "." + call.getName() + " replied with type \""
                    + reply.signature() + "\", but its interface declares \"" + method.out() + "\"");
        }
        Object[] values;
        try {
            values = marshal(reply);
        } catch (IllegalArgumentException e) {
            throw new BusError(BusError.FAILED, iface.name() + "." + call.getName() + " replied with values that are"
                    + " not of type \"" + reply.signature() + "\": " + e.getMessage());
        }
        if (noReply) {
            return;
        }
        try {
            send(values.length == 0 ? connection.getMessageFactory().createMethodReturn(call, null)
                    : connection.getMessageFactory().createMethodReturn(call, reply.signature(), values));
        } catch (DBusException | RuntimeException e) {
            throw new BusError(BusError.FAILED, "cannot marshal the reply of " + iface.name() + "." + call.getName()
                    + ": " + e.getMessage());
        }
    }

    /** A reply's values as dbus-java marshals them, by the reply's signature. */
    static Object[] marshal(BusReply reply) {
        List<String> types = WireValues.split(reply.signature());
        if (types.size() != reply.values().size()) {
            throw new IllegalArgumentException(reply.values().size() + " values for " + types.size() + " types");
        }
        Object[] values = new Object[types.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = WireValues.toDbus(reply.values().get(i), types.get(i));
        }
        return values;
    }

    private void sendError(MethodCall call, String name, String message) {
        try {
            send(connection.getMessageFactory().createError(call.getSource(), name, call.getSerial(), "s", message));
        } catch (DBusException | RuntimeException e) {
            LOG.log(Level.DEBUG, "cannot answer " + call.getSource() + ": " + e.getMessage());
        }
    }

    private void send(Message message) {
        connection.sendMessage(message);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    /** The options the exporter itself reads, checked. */
    record ControlOptions(boolean interactive, long timeoutMillis) {

        static ControlOptions of(Map<String, Object> options) throws BusError {
            Object noInteraction = options.get("auth.no_user_interaction");
            if (noInteraction != null && !(noInteraction instanceof Boolean)) {
                throw new BusError(BusError.INVALID_ARGS, "option auth.no_user_interaction must be a boolean (b), not "
                        + CallerText.quote(noInteraction));
            }
            boolean interactive = !Boolean.TRUE.equals(noInteraction);
            Object timeout = options.get("timeout");
            long millis;
            if (timeout == null) {
                millis = AUTHORIZATION_MILLIS + (interactive ? INTERACTION_MILLIS : 0);
            } else if (timeout instanceof Number seconds && seconds.doubleValue() > 0
                    && seconds.doubleValue() <= MAX_TIMEOUT_SECONDS) {
                millis = Math.max(1, (long) (seconds.doubleValue() * 1000));
            } else {
                throw new BusError(BusError.INVALID_ARGS, "option timeout must be a number of seconds above 0 and at"
                        + " most " + MAX_TIMEOUT_SECONDS + ", not " + CallerText.quote(timeout));
            }
            return new ControlOptions(interactive, millis);
        }
    }
}

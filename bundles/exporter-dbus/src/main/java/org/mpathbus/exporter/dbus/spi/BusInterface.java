package org.mpathbus.exporter.dbus.spi;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * An interface with methods and no properties that a bundle adds to every exported object of one {@link
 * #objectType()}, registered as a service. The exporter answers Introspect with {@link #introspection()},
 * authorizes each call with polkit for {@link #action(String)} before it calls {@link #call(BusCall)}, and
 * logs each call with its caller and outcome.
 *
 * <p>Argument values arrive as plain Java: s and o as String, b as Boolean, y as Byte, n/q/i as Integer, u/x/t
 * as Long, d as Double, a{sv} as {@code Map<String, Object>} (variants unwrapped the same way), other arrays
 * as {@code List}. A reply's values are given the same way, with its signature.
 */
@ConsumerType
public interface BusInterface {

    /** The D-Bus interface name, such as "org.mpathbus.Multipath1.PathControl". */
    String name();

    ObjectType objectType();

    /**
     * Its introspection XML: the {@code <interface>} element (methods and their arguments), or a {@code <node>}
     * document holding it, such as a docs/dbus file as it stands. Introspect shows the element without comments.
     */
    String introspection();

    /**
     * The polkit action that authorizes calls of {@code member}, such as
     * "org.mpathbus.multipath1.manage-paths"; null when the interface has no such method
     * (the caller gets UnknownMethod).
     */
    String action(String member);

    /**
     * Carries out an authorized call, on a thread of the exporter's that may block until {@code call}'s
     * timeout. Returns the reply (signature and values; {@link BusReply#EMPTY} for none), or throws
     * {@link BusError} with the error the caller gets.
     */
    BusReply call(BusCall call) throws BusError, InterruptedException;
}

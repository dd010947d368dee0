package org.mpathbus.exporter.dbus.spi;

/** The objects an added interface goes on. */
public enum ObjectType {
    /** The one object /org/mpathbus/Multipath1. */
    MANAGER,
    /** Every map object. */
    MAP,
    /** Every path object. */
    PATH,
    /** The one object /org/mpathbus/Multipath1/config, there while the configuration bundle is. */
    CONFIG
}

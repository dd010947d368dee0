package org.mpathbus.config;

/** Where an effective value came from, most specific first (multipath-tools' "(setting: ...)"). */
public enum Origin {
    /** The multipaths section entry of the map's WWID. */
    MULTIPATHS,
    /** The overrides section. */
    OVERRIDES,
    /** A devices section entry whose vendor/product/revision match (configured or built-in hardware table). */
    DEVICES,
    /** The defaults section of a configuration file. */
    DEFAULTS,
    /** multipath-tools' built-in default. */
    BUILTIN
}

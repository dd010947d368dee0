package org.mpathbus.exporter.dbus.internal;

/**
 * The multipath configuration as the exporter sees it: a service inside the exporter bundle
 * ({@link MultipathConfigFeed}), present only while the configuration bundle's service is, so that the
 * exporter needs none of that bundle's types and runs without it.
 */
public interface ConfigSource {

    ConfigView current();

    /** {@code onChange} runs, on the configuration's thread, after each new view; it must hand off at once. */
    void addChangeListener(Runnable onChange);

    void removeChangeListener(Runnable onChange);
}

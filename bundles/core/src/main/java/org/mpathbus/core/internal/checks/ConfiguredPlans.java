package org.mpathbus.core.internal.checks;

/**
 * The check plans an outside configuration (multipath.conf) makes: a service inside the core bundle, so that
 * the engine needs no type of the configuration bundle and runs without it.
 */
public interface ConfiguredPlans {

    /**
     * The planner of the configuration in force now; the same instance until the configuration or
     * {@code daemonSettings} change.
     *
     * @param daemonSettings org.mpathbus.core.checks: they apply where multipath.conf leaves a value to
     *        multipath-tools' built-in default
     */
    CheckPlanner current(CheckSettings daemonSettings);

    /** {@code onReload} runs after each applied reload, on the reloading thread; it must hand work off at once. */
    void addReloadListener(Runnable onReload);

    void removeReloadListener(Runnable onReload);
}

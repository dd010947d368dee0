/**
 * Path checking: when each path is checked ({@link org.mpathbus.core.internal.checks.CheckCadence}),
 * which checker does it ({@link org.mpathbus.core.internal.checks.CheckerRegistry}), and who runs the
 * calls ({@link org.mpathbus.core.internal.checks.CheckWorkerPool}), tied together by {@link
 * org.mpathbus.core.internal.checks.CheckScheduler}. The scheduler reports only changes of a path's
 * checker view, so a steady SAN costs the engine nothing.
 */
package org.mpathbus.core.internal.checks;

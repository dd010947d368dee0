/**
 * Delivery to {@link org.mpathbus.api.spi.TopologyListener}s: one ordered, bounded mailbox per listener,
 * served by a shared pool, so a slow or throwing listener affects only itself.
 */
package org.mpathbus.core.internal.listeners;

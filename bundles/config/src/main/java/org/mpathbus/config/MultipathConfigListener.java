package org.mpathbus.config;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard: register this as a service to hear about reloads. Called on the reloading thread, after the
 * new configuration is in force; keep it short.
 */
@ConsumerType
public interface MultipathConfigListener {

    /**
     * @param changes one human-readable line per difference, such as "defaults polling_interval 5 -> 10"
     */
    void configurationChanged(MultipathConfig previous, MultipathConfig current, List<String> changes);
}

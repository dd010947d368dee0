package org.mpathbus.core.internal.engine;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the topology engine (PID org.mpathbus.core.engine). {@code reconcile__interval()}
 * reads the key reconcile_interval (DS maps a doubled underscore to one, a single one to ".").
 */
@ObjectClassDefinition(id = EngineConfiguration.PID, pid = EngineConfiguration.PID, name = "mpathbus topology engine",
        description = "Which multipath source the engine reads, and how often it re-reads everything")
public @interface EngineConfiguration {

    String PID = "org.mpathbus.core.engine";

    @AttributeDefinition(description = "source.name of the MultipathSource to use (devmapper, simulator, auto);"
            + " empty means the framework property mpathbus.source, else simulator")
    String source() default "";

    @AttributeDefinition(description = "Seconds between full re-reads of the source, which repair any missed event")
    int reconcile__interval() default 60;
}

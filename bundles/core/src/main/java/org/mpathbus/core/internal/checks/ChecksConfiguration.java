package org.mpathbus.core.internal.checks;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of path checking (PID org.mpathbus.core.checks), with multipath.conf's words. Method
 * names double the underscore because DS maps a single "_" to "." (OSGi Compendium 112.8.2.1): so
 * {@code polling__interval()} reads the key polling_interval.
 */
@ObjectClassDefinition(id = ChecksConfiguration.PID, pid = ChecksConfiguration.PID, name = "mpathbus path checks",
        description = "How often paths are checked, how long a check may take, and which checker applies by default")
public @interface ChecksConfiguration {

    String PID = "org.mpathbus.core.checks";

    @AttributeDefinition(description = "Seconds between checks of a path (at least 1)")
    int polling__interval() default 5;

    @AttributeDefinition(description = "Seconds a healthy path's interval may back off to; 0 means 4 x polling_interval")
    int max__polling__interval() default 0;

    @AttributeDefinition(description = "Seconds a check may take before the path reads 'timeout'; 0 means the SCSI"
            + " device's sysfs timeout, else 30")
    int checker__timeout() default 0;

    @AttributeDefinition(description = "Checker for paths whose source names none")
    String default__checker() default "tur";

    @AttributeDefinition(description = "Threads that run checks (a hung check gives its slot up after checker_timeout)")
    int check__workers() default 4;
}

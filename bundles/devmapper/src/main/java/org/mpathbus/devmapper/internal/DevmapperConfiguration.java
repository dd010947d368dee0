package org.mpathbus.devmapper.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "mpathbus device-mapper source",
        description = "Reads the kernel's multipath maps through /dev/mapper/control and sysfs")
/**
 * Configuration of {@link DevmapperSource}. DS turns a single underscore in a method name into a dot, so
 * the methods carry a double underscore to give the keys sysfs_root, dev_root and reconcile_interval.
 */
public @interface DevmapperConfiguration {

    @AttributeDefinition(description = "Where sysfs is mounted")
    String sysfs__root() default "/sys";

    @AttributeDefinition(description = "Where device nodes live; the control device is dev_root/mapper/control")
    String dev__root() default "/dev";

    @AttributeDefinition(description = "Seconds between full re-reads that repair anything a dm event did not tell",
            min = "1")
    int reconcile__interval() default 60;
}

package org.mpathbus.checker.tur.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Where the tur checker finds devices (PID org.mpathbus.checker.tur). The defaults are Linux's; tests
 * point them at directories of their own, so that checks open real files without root or SCSI disks.
 * Method names double the underscore because DS maps a single "_" to ".": device__directory() reads the
 * key device_directory.
 */
@ObjectClassDefinition(name = "mpathbus tur checker",
        description = "Where the tur path checker opens devices")
@interface TurCheckerConfiguration {

    @AttributeDefinition(description = "Directory of device nodes: a path named sdb is checked through DIR/sdb")
    String device__directory() default "/dev";

    @AttributeDefinition(description = "Directory with one major:minor entry per block device; a device missing "
            + "there after a failure is reported removed")
    String sysfs__block__directory() default "/sys/dev/block";
}

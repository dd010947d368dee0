package org.mpathbus.nvme.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of {@link NvmeSource} (PID org.mpathbus.nvme). DS turns a single underscore in a method name
 * into a dot, so the methods carry a double underscore to give the keys sysfs_root and poll_interval_ms.
 */
@ObjectClassDefinition(name = "mpathbus NVMe source",
        description = "Reads the kernel's NVMe native multipath (subsystems, namespaces, controller paths, ANA) from sysfs")
public @interface NvmeConfiguration {

    @AttributeDefinition(description = "Where sysfs is mounted")
    String sysfs__root() default "/sys";

    @AttributeDefinition(description = "Milliseconds between re-reads of the paths' ANA and controller states, which"
            + " change without a uevent; a uevent of a controller or namespace re-reads at once", min = "50")
    int poll__interval__ms() default 250;
}

package org.mpathbus.nvme.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of {@link NvmeControlExporter} (PID org.mpathbus.nvme.control). */
@ObjectClassDefinition(name = "mpathbus NVMe writes",
        description = "Whether D-Bus offers org.mpathbus.Multipath1.NvmeControl (SetIoPolicy) on the maps")
public @interface NvmeControlConfiguration {

    @AttributeDefinition(description = "true exports NvmeControl; each call is authorized with polkit"
            + " (org.mpathbus.multipath1.manage-maps), uid 0 without asking")
    boolean enabled() default false;

    @AttributeDefinition(description = "Where sysfs is mounted")
    String sysfs__root() default "/sys";
}

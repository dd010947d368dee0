package org.mpathbus.exporter.dbus.control.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "mpathbus D-Bus control exporter",
        description = "Adds PathControl, MapControl, ManagerControl and ConfigControl (writes, carried out by multipathd and "
                + "authorized by polkit) to the objects the D-Bus exporter serves")
public @interface ControlExporterConfiguration {

    @AttributeDefinition(description = "Export the control interfaces. Off (the default), they are not exported "
            + "at all; a change takes effect at once, with InterfacesAdded or InterfacesRemoved.")
    boolean enabled() default false;
}

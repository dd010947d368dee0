package org.mpathbus.exporter.dbus.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "mpathbus D-Bus exporter",
        description = "Exports the multipath topology as org.mpathbus.Multipath1 on D-Bus")
public @interface DbusExporterConfiguration {

    @AttributeDefinition(description = "Export on the bus. false takes the name and every object off the bus "
            + "at once; true brings them back, without a restart.")
    boolean enabled() default true;

    @AttributeDefinition(description = "The D-Bus address to export on, such as unix:path=/run/mpathbus-test/bus; "
            + "empty for the system bus. The framework property " + DbusExporter.ADDRESS_PROPERTY
            + " (bin/mpathbusd --bus-address) overrides it.")
    /** Key bus_address: DS turns "__" in a method name into "_" (a single "_" would become "."). */
    String bus__address() default "";
}

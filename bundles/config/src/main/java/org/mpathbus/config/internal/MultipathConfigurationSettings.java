package org.mpathbus.config.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Where the multipath configuration lives (PID org.mpathbus.config). Keys use multipath-tools' words:
 * Declarative Services turns "__" in a method name into "_" (a single "_" would become "."), so
 * config__file() reads the key config_file.
 */
@ObjectClassDefinition(id = MultipathConfigurationSettings.PID, name = "mpathbus multipath.conf reader",
        description = "Reads multipath.conf as multipath-tools does and reloads it when it changes")
public @interface MultipathConfigurationSettings {

    String PID = "org.mpathbus.config";

    @AttributeDefinition(description = "The main configuration file; when it is absent the built-in defaults apply")
    String config__file() default "/etc/multipath.conf";

    @AttributeDefinition(description = "Directory whose *.conf files are read after the main file, in name order "
            + "(config_dir in multipath.conf takes precedence)")
    String config__dir() default "/etc/multipath/conf.d";

    @AttributeDefinition(description = "alias WWID lines (bindings_file in multipath.conf takes precedence)")
    String bindings__file() default "/etc/multipath/bindings";

    @AttributeDefinition(description = "/WWID/ lines (wwids_file in multipath.conf takes precedence)")
    String wwids__file() default "/etc/multipath/wwids";

    @AttributeDefinition(description = "Seconds between checks of the files' modification times; 0 turns reloading off")
    int reload__check__interval() default 5;
}

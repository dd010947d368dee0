package org.mpathbus.control.multipathd.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "mpathbus control through multipathd",
        description = "Carries out map and path operations by sending commands to multipathd over its socket, "
                + "and writes the wwids file as multipath -a / -w do")
public @interface MultipathdControlConfiguration {

    @AttributeDefinition(description = "multipathd's socket file, used when it exists (a newer multipathd "
            + "listens there).")
    String socket__path() default "/run/multipathd.socket";

    @AttributeDefinition(description = "multipathd's name in the abstract socket namespace, without the "
            + "leading @; used when the socket file does not exist (multipath-tools 0.9.4).")
    String abstract__socket() default "/org/kernel/linux/storage/multipathd";

    @AttributeDefinition(description = "The wwids file written by AddWwid/ForgetWwid when multipath.conf sets "
            + "no wwids_file (or the config bundle is not running).")
    String wwids__file() default "/etc/multipath/wwids";
}

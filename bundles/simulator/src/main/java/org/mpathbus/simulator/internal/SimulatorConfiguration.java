package org.mpathbus.simulator.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The simulated SAN's size and shape (PID org.mpathbus.simulator). Method names use a double underscore
 * because DS and Metatype turn a single one into a dot: {@code paths__per__map()} reads the key
 * {@code paths_per_map}, the multipath-tools spelling the .cfg files use.
 */
@ObjectClassDefinition(name = "mpathbus simulator",
        description = "An in-memory SAN of multipath maps reached through several SCSI hosts")
public @interface SimulatorConfiguration {

    @AttributeDefinition(description = "Number of multipath maps (LUNs)")
    int maps() default 4;

    @AttributeDefinition(description = "Paths of each map; they are spread over the hosts and the path groups")
    int paths__per__map() default 4;

    @AttributeDefinition(description = "ALUA path groups of each map: the first has priority 50 and starts active,"
            + " the others have priority 10")
    int path__groups__per__map() default 2;

    @AttributeDefinition(description = "SCSI hosts (FC HBA ports) the paths are spread over")
    int hosts() default 2;

    @AttributeDefinition(description = "The checker every simulated path names; \"sim\" answers from the"
            + " simulated link, any other name is left to the checkers installed")
    String checker() default "sim";

    @AttributeDefinition(description = "Size of each LUN in MiB")
    long map__size__mb() default 10240;

    @AttributeDefinition(description = "SCSI INQUIRY vendor of every LUN")
    String vendor() default "LIO-ORG";

    @AttributeDefinition(description = "SCSI INQUIRY product of every LUN")
    String product() default "mpathbus-sim";

    @AttributeDefinition(description = "SCSI INQUIRY revision of every LUN")
    String revision() default "4.0";

    @AttributeDefinition(description = "Name maps mpatha, mpathb, ... (true) or by their WWID (false)")
    boolean user__friendly__names() default true;

    @AttributeDefinition(description = "Give every map the feature queue_if_no_path (I/O queues while no path is left)")
    boolean queue__if__no__path() default true;

    @AttributeDefinition(description = "What happens when a path of a better group comes back: \"manual\" keeps"
            + " I/O on the group it moved to (the kernel's own behaviour), \"immediate\" moves it back at once")
    String failback() default "manual";
}

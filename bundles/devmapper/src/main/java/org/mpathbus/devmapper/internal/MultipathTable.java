package org.mpathbus.devmapper.internal;

import java.util.List;

import org.mpathbus.api.DeviceNumber;

/**
 * A parsed dm multipath table line: {@code <#feat> <feat...> <#hwh> <hwh...> <#pg> <initial_pg>
 * { <selector> <#selargs> <selargs...> <#paths> <#pathargs> { <maj:min> <pathargs...> }* }*}.
 *
 * @param hardwareHandler the handler's words, name first ("alua"), empty when none
 * @param initialGroup the 1-based group the kernel starts with, 0 when there are no groups
 */
public record MultipathTable(List<String> features, List<String> hardwareHandler, int initialGroup,
        List<Group> groups) {

    public MultipathTable {
        features = List.copyOf(features);
        hardwareHandler = List.copyOf(hardwareHandler);
        groups = List.copyOf(groups);
    }

    /** One path group: its path selector and the paths in it. */
    public record Group(String selector, List<String> selectorArgs, List<PathSpec> paths) {
        public Group {
            selectorArgs = List.copyOf(selectorArgs);
            paths = List.copyOf(paths);
        }

        /** The selector as the table and multipathd print it, with its argument count: "service-time 0". */
        public String selectorText() {
            StringBuilder text = new StringBuilder(selector).append(' ').append(selectorArgs.size());
            for (String arg : selectorArgs) {
                text.append(' ').append(arg);
            }
            return text.toString();
        }
    }

    /** One path of a group with the selector's per-path arguments (such as repeat_count). */
    public record PathSpec(DeviceNumber device, List<String> args) {
        public PathSpec {
            args = List.copyOf(args);
        }
    }

    /** The table's hardware handler as multipathd prints it: "1 alua", or "" when there is none. */
    public String hardwareHandlerText() {
        return hardwareHandler.isEmpty() ? "" : hardwareHandler.size() + " " + String.join(" ", hardwareHandler);
    }
}

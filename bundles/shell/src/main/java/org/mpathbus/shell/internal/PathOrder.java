package org.mpathbus.shell.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.mpathbus.api.Path;
import org.mpathbus.api.Topology;

/** Lists paths the way people read them: sda before sdb before sdaa (shorter names first). */
final class PathOrder {

    private PathOrder() {
    }

    static List<Path> unmapped(Topology topology) {
        List<Path> paths = new ArrayList<>(topology.unmappedPaths());
        paths.sort(Comparator.comparing(Path::name, Path.KERNEL_NAME_ORDER));
        return paths;
    }
}

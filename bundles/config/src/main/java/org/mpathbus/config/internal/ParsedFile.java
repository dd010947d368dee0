package org.mpathbus.config.internal;

import java.util.List;

/** One configuration file's syntax tree. */
record ParsedFile(String name, List<ConfigNode> nodes) {

    ParsedFile {
        nodes = List.copyOf(nodes);
    }
}

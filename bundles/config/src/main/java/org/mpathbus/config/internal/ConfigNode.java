package org.mpathbus.config.internal;

import java.util.List;

/** The syntax tree of one configuration file. */
sealed interface ConfigNode {

    int line();

    /** "keyword value" on one line; the value is "" when the line had only a keyword. */
    record Statement(String keyword, String value, int line) implements ConfigNode {
    }

    /** "name {" ... "}" with its children in file order. */
    record Section(String name, int line, List<ConfigNode> children) implements ConfigNode {
        public Section {
            children = List.copyOf(children);
        }
    }
}

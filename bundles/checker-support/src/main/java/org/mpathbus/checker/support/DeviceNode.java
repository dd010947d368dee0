package org.mpathbus.checker.support;

/** A device node a checker holds open: its file name (for messages) and its descriptor. */
public interface DeviceNode {

    String node();

    int fd();
}

package org.mpathbus.checker.support;

/** A device node a checker holds open: its file name (for messages) and its descriptor. */
public abstract class DeviceNode {

    private final String node;
    private final int fd;

    protected DeviceNode(String node, int fd) {
        this.node = node;
        this.fd = fd;
    }

    public final String node() {
        return node;
    }

    public final int fd() {
        return fd;
    }
}

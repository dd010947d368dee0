package org.mpathbus.control.multipathd.internal;

import java.nio.charset.StandardCharsets;

import com.sun.jna.Memory;

/**
 * A Unix socket address: a file ({@code /run/multipathd.socket}) or a name in the abstract namespace
 * ({@code @/org/kernel/linux/storage/multipathd}, which JDK 17 cannot connect to). The abstract address is
 * libmpathcmd's: a NUL, then the name, and no trailing NUL counted in the length.
 */
record Endpoint(String name, boolean isAbstract) {

    Endpoint {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0 || bytes.length > LibC.SIZEOF_SOCKADDR_UN - 3) {
            throw new IllegalArgumentException("a Unix socket name has 1 to 107 bytes, not " + bytes.length + ": " + name);
        }
    }

    static Endpoint file(String path) {
        return new Endpoint(path, false);
    }

    static Endpoint abstractName(String name) {
        return new Endpoint(name, true);
    }

    /** The sockaddr_un, and its length as connect(2) takes it. */
    Memory sockaddr() {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        Memory address = new Memory(LibC.SIZEOF_SOCKADDR_UN);
        address.clear();
        address.setShort(0, (short) LibC.AF_UNIX);
        address.write(isAbstract ? 3 : 2, bytes, 0, bytes.length);
        return address;
    }

    int sockaddrLength() {
        // family (2) + NUL + name for abstract; family + name + NUL for a file
        return 2 + 1 + name.getBytes(StandardCharsets.UTF_8).length;
    }

    @Override
    public String toString() {
        return isAbstract ? "@" + name : name;
    }
}

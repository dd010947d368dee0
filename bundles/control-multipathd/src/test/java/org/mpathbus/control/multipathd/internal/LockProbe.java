package org.mpathbus.control.multipathd.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Run in a JVM of its own by WwidsFileTest: tries once for the whole-file write lock as multipath does
 * (FileChannel's tryLock is fcntl F_SETLK, F_WRLCK on Linux) and prints "locked" or "free".
 */
public final class LockProbe {

    private LockProbe() {
    }

    public static void main(String[] args) throws IOException {
        try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock(0, Long.MAX_VALUE, false)) {
            System.out.println(lock == null ? "locked" : "free");
        }
    }
}

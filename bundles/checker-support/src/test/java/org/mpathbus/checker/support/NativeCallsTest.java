package org.mpathbus.checker.support;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;

import org.junit.Before;
import org.junit.Test;
import org.mpathbus.api.DeviceNumber;
import org.mpathbus.api.Path;

/** The real open, close and strerror through JNA, on regular files under target/ standing in for nodes. */
public class NativeCallsTest {

    private java.nio.file.Path devDir;
    private java.nio.file.Path sysfsDir;
    private DeviceNodeOpener<Node> opener;

    private static final class Node extends DeviceNode {
        Node(String node, int fd) {
            super(node, fd);
        }
    }

    @Before
    public void setUp() throws IOException {
        java.nio.file.Path base = Files.createDirectories(Paths.get("target", "node-files"));
        devDir = Files.createTempDirectory(base, "dev");
        sysfsDir = Files.createTempDirectory(base, "sys");
        opener = new DeviceNodeOpener<>(devDir.toString(), sysfsDir.toString(), LibC.O_RDONLY | LibC.O_CLOEXEC) {
            @Override
            protected Node opened(String node, int fd) {
                return new Node(node, fd);
            }
        };
    }

    @Test
    public void failedOpenNamesTheCallTheFileAndTheErrnoText() {
        Path missing = Path.builder("sdq", new DeviceNumber(65, 0)).build();
        ErrnoException e = assertThrows(ErrnoException.class, () -> opener.open(missing));
        assertEquals(LibC.ENOENT, e.errno());
        assertEquals("open " + devDir + "/sdq: No such file or directory (errno 2)", e.getMessage());
    }

    @Test
    public void openedNodeHoldsADescriptorUntilClosed() throws Exception {
        Files.write(devDir.resolve("sdr"), new byte[512]);
        Node node = opener.open(Path.builder("sdr", new DeviceNumber(65, 16)).build());
        assertEquals(devDir + "/sdr", node.node());
        java.nio.file.Path fd = Paths.get("/proc/self/fd", Integer.toString(node.fd()));
        assertEquals(devDir.resolve("sdr").toAbsolutePath(), Files.readSymbolicLink(fd));
        opener.close(node);
        assertFalse(Files.exists(fd, java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    public void deviceExistsWhileSysfsHasItsNumber() throws IOException {
        Path path = Path.builder("sds", new DeviceNumber(65, 32)).build();
        assertFalse(opener.exists(path));
        Files.createDirectories(sysfsDir.resolve("65:32"));
        assertTrue(opener.exists(path));
    }
}

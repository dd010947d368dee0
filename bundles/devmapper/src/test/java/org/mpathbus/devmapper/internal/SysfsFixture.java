package org.mpathbus.devmapper.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds sysfs-shaped trees, with the kernel's symlinks, in a temporary folder. */
final class SysfsFixture {

    final Path root;

    SysfsFixture(Path root) {
        this.root = root;
    }

    /**
     * A SCSI disk at devicePath/H:B:T:L with block/NAME beneath it, as sd registers it; returns the
     * device folder for more attributes.
     */
    Path scsiDisk(String devicePath, String hbtl, String name, String majMin, String wwid, long sectors) throws IOException {
        Path device = root.resolve(devicePath).resolve(hbtl);
        write(device.resolve("state"), "running\n");
        write(device.resolve("vendor"), "Linux   \n");
        write(device.resolve("model"), "scsi_debug      \n");
        write(device.resolve("rev"), "0191\n");
        write(device.resolve("wwid"), wwid + "\n");
        Path block = device.resolve("block").resolve(name);
        write(block.resolve("size"), sectors + "\n");
        write(block.resolve("dev"), majMin + "\n");
        link(block.resolve("device"), device);
        link(root.resolve("block").resolve(name), block);
        link(root.resolve("dev/block").resolve(majMin), block);
        return device;
    }

    /** The ALUA state scsi_dh_alua shows for a disk: its device's access_state and preferred_path. */
    void alua(String blockName, String accessState, boolean preferred) throws IOException {
        write("block/" + blockName + "/device/access_state", accessState + "\n");
        write("block/" + blockName + "/device/preferred_path", (preferred ? "1" : "0") + "\n");
    }

    /** A dm device under devices/virtual/block. */
    void dmDevice(String name, String majMin) throws IOException {
        Path block = root.resolve("devices/virtual/block").resolve(name);
        write(block.resolve("dev"), majMin + "\n");
        link(root.resolve("block").resolve(name), block);
        link(root.resolve("dev/block").resolve(majMin), block);
    }

    void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    void write(String relative, String text) throws IOException {
        write(root.resolve(relative), text);
    }

    void delete(String relative) throws IOException {
        Files.delete(root.resolve(relative));
    }

    /** A relative symlink, as sysfs has them. */
    private static void link(Path link, Path target) throws IOException {
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, link.getParent().relativize(target));
    }
}

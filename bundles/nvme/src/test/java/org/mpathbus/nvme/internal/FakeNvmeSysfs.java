package org.mpathbus.nvme.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A sysfs tree laid out as kernel 6.1 lays out NVMe-oF multipath (seen in the lab): the subsystem folder with its
 * head disks and links to its controllers, each controller's folder with its path disks.
 */
final class FakeNvmeSysfs {

    final Path root;

    FakeNvmeSysfs(Path root) throws IOException {
        this.root = root;
        Files.createDirectories(root.resolve("class/nvme-subsystem"));
        Files.createDirectories(root.resolve("devices/virtual/nvme-fabrics/ctl"));
    }

    Path subsystem(String name, String nqn, String iopolicy) throws IOException {
        Path folder = root.resolve("devices/virtual/nvme-subsystem").resolve(name);
        write(folder, "subsysnqn", nqn);
        write(folder, "iopolicy", iopolicy);
        write(folder, "model", "Linux                                   ");
        write(folder, "firmware_rev", "6.1.0-57");
        Files.createSymbolicLink(root.resolve("class/nvme-subsystem").resolve(name), folder);
        return folder;
    }

    void head(String subsystem, String head, String dev, long sectors, String wwid) throws IOException {
        Path folder = subsystemFolder(subsystem).resolve(head);
        write(folder, "dev", dev);
        write(folder, "size", Long.toString(sectors));
        if (wwid != null) {
            write(folder, "wwid", wwid);
        }
    }

    /** The head's identifiers, for a kernel that has no wwid attribute. */
    void identifiers(String subsystem, String head, String uuid, String nguid) throws IOException {
        Path folder = subsystemFolder(subsystem).resolve(head);
        if (uuid != null) {
            write(folder, "uuid", uuid);
        }
        if (nguid != null) {
            write(folder, "nguid", nguid);
        }
    }

    void controller(String subsystem, String controller, String transport, String address, String state)
            throws IOException {
        Path folder = controllerFolder(controller);
        write(folder, "transport", transport);
        write(folder, "address", address);
        write(folder, "state", state);
        Files.createSymbolicLink(subsystemFolder(subsystem).resolve(controller), folder);
    }

    /** A path disk, hidden as the kernel makes it: no dev attribute. */
    void path(String controller, String path, String anaState, int anaGroup) throws IOException {
        Path folder = controllerFolder(controller).resolve(path);
        write(folder, "ana_state", anaState);
        write(folder, "ana_grpid", Integer.toString(anaGroup));
    }

    void anaState(String controller, String path, String state) throws IOException {
        write(controllerFolder(controller).resolve(path), "ana_state", state);
    }

    void controllerState(String controller, String state) throws IOException {
        write(controllerFolder(controller), "state", state);
    }

    /** The controller deleted: its folder and the subsystem's link go, as with nvme disconnect. */
    void removeController(String subsystem, String controller) throws IOException {
        Files.delete(subsystemFolder(subsystem).resolve(controller));
        deleteTree(controllerFolder(controller));
    }

    private Path subsystemFolder(String name) {
        return root.resolve("devices/virtual/nvme-subsystem").resolve(name);
    }

    private Path controllerFolder(String controller) {
        return root.resolve("devices/virtual/nvme-fabrics/ctl").resolve(controller);
    }

    private static void write(Path folder, String attribute, String value) throws IOException {
        Files.createDirectories(folder);
        Path file = folder.resolve(attribute);
        Path next = folder.resolve(attribute + ".new");
        Files.writeString(next, value + "\n");
        Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static void deleteTree(Path folder) throws IOException {
        try (var files = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}

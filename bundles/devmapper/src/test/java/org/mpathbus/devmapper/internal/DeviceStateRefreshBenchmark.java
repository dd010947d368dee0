package org.mpathbus.devmapper.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.mpathbus.api.DeviceNumber;

/**
 * What the once-a-second refresh of device states and ALUA priorities costs at 10,000 paths (2,500 maps x
 * 4): a sysfs-shaped fixture tree on the file system of java.io.tmpdir (sysfs's own reads cost a few
 * microseconds more each). Prints figures, judges nothing. Run: java -cp
 * target/test-classes:target/classes:... with the api jar; arguments the number of maps, then "no-alua"
 * for devices without a device handler (no access_state).
 */
public final class DeviceStateRefreshBenchmark {

    public static void main(String[] args) throws Exception {
        int maps = args.length > 0 ? Integer.parseInt(args[0]) : 2500;
        boolean alua = args.length < 2 || !args[1].equals("no-alua");
        Path root = Files.createTempDirectory("mpathbus-sysfs");
        SysfsFixture sysfs = new SysfsFixture(root);
        FakeDm dm = new FakeDm();
        for (int m = 0; m < maps; m++) {
            StringBuilder table = new StringBuilder("0 0 2 1 service-time 0 2 1");
            StringBuilder status = new StringBuilder("2 0 0 0 2 1 A 0 2 1");
            for (int p = 0; p < 4; p++) {
                int index = m * 4 + p;
                String name = "sd" + letters(index);
                String majMin = (p < 2 ? 8 : 65) + ":" + index;
                sysfs.scsiDisk("devices/pseudo_0/adapter" + p + "/host" + p + "/target" + p + ":0:0", p + ":0:0:" + m,
                        name, majMin, "naa.36" + m, 32768);
                if (alua) {
                    sysfs.alua(name, p < 2 ? "active/optimized" : "active/non-optimized", false);
                }
                if (p == 2) {
                    table.append(" service-time 0 2 1");
                    status.append(" E 0 2 1");
                }
                table.append(' ').append(majMin).append(" 1");
                status.append(' ').append(majMin).append(" A 0 0");
            }
            dm.add("mpath" + m, "mpath-36" + m, new DeviceNumber(253, m), table.toString(), status.toString());
        }
        StateReader reader = new StateReader(new Sysfs(root));
        long start = System.nanoTime();
        int paths = reader.read(dm, true).maps().stream().mapToInt(x -> x.paths().size()).sum();
        System.out.printf("full read of %d maps, %d paths: %.0f ms%n", maps, paths, (System.nanoTime() - start) / 1e6);
        double[] rounds = new double[30];
        for (int i = 0; i < rounds.length; i++) {
            long t = System.nanoTime();
            if (reader.readPathStates().isPresent()) {
                throw new AssertionError("nothing changed, yet a new state");
            }
            rounds[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(rounds);
        sysfs.write("block/sda/device/state", "offline\n");
        long t = System.nanoTime();
        boolean changed = reader.readPathStates().isPresent();
        double oneChanged = (System.nanoTime() - t) / 1e6;
        System.out.printf("refresh of %d paths' device states and priorities (%s), nothing changed: median %.1f ms, "
                + "max %.1f ms; one path changed: %.1f ms (new state: %s)%n", paths,
                alua ? "with access_state" : "no access_state", rounds[rounds.length / 2], rounds[rounds.length - 1],
                oneChanged, changed);
    }

    private static String letters(int index) {
        StringBuilder name = new StringBuilder();
        for (int i = index; i >= 0; i = i / 26 - 1) {
            name.insert(0, (char) ('a' + i % 26));
        }
        return name.toString();
    }
}

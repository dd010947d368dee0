package org.mpathbus.lab;

import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The control guest: src/test/guest/control.sh in target/lab-control. A boot of its own because its
 * operations (paths failed and removed, maps flushed and resized, multipathd stopped) would disturb the
 * main suite's verdicts.
 */
final class ControlLab {

    private static final LabBoot GUEST = new LabBoot("control.sh", "lab-control");

    private ControlLab() {
    }

    static LabRun run() {
        requirePrerequisites();
        return GUEST.run();
    }

    /** Beyond what every guest needs: the bus monitor's Python modules, polkitd, setpriv. */
    private static void requirePrerequisites() {
        Map<String, String> needed = new LinkedHashMap<>();
        needed.put("/usr/lib/python3/dist-packages/dbus/__init__.py", "python3-dbus");
        needed.put("/usr/lib/python3/dist-packages/gi/__init__.py", "python3-gi");
        needed.put("/usr/lib/polkit-1/polkitd", "polkitd");
        needed.put("/usr/bin/setpriv", "util-linux");
        List<String> missing = new ArrayList<>();
        needed.forEach((file, pkg) -> {
            if (!Files.exists(Paths.get(file))) {
                missing.add(pkg);
            }
        });
        if (!missing.isEmpty()) {
            throw new AssertionError("the control lab (ControlLabIT) needs " + missing + ". Install: "
                    + "DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends " + String.join(" ", missing));
        }
    }
}

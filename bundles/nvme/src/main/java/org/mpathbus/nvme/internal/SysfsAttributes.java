package org.mpathbus.nvme.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads sysfs attributes with a bound: an attribute is at most one page, so no more is read, and a value is
 * one line (a model number's padding and the newline stripped). A file that vanished while it was read is "".
 */
final class SysfsAttributes {

    /** sysfs hands out at most one page per attribute. */
    static final int MAX_ATTRIBUTE = 4096;

    private SysfsAttributes() {
    }

    static String read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_ATTRIBUTE);
            String text = new String(bytes, StandardCharsets.UTF_8);
            int newline = text.indexOf('\n');
            return (newline < 0 ? text : text.substring(0, newline)).strip();
        } catch (IOException | SecurityException e) {
            return "";
        }
    }

    /** The names in {@code folder} that match {@code pattern}, sorted as the kernel numbers them; none if it is gone. */
    static List<String> names(Path folder, Pattern pattern) {
        List<String> names = new ArrayList<>();
        try (Stream<Path> entries = Files.list(folder)) {
            entries.map(entry -> entry.getFileName().toString()).filter(name -> pattern.matcher(name).matches())
                    .forEach(names::add);
        } catch (IOException | SecurityException e) {
            return List.of();
        }
        names.sort(org.mpathbus.api.Path.KERNEL_NAME_ORDER);
        return names;
    }
}

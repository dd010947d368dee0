package org.mpathbus.config.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mpathbus.config.ConfigProblem;

/** multipath-tools 0.9.4's built-in hardware table, kept as multipath.conf text in builtin-hwtable.conf. */
final class BuiltinHwtable {

    private static final String RESOURCE = "builtin-hwtable.conf";
    private static final List<HwEntry> ENTRIES = load();

    private BuiltinHwtable() {
    }

    static List<HwEntry> entries() {
        return ENTRIES;
    }

    private static List<HwEntry> load() {
        try (InputStream in = BuiltinHwtable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the bundle");
            }
            List<ConfigProblem> problems = new ArrayList<>();
            ParsedFile parsed = new ParsedFile(RESOURCE,
                    ConfigParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE, problems));
            ConfigAssembler assembler = new ConfigAssembler(List.of());
            assembler.add(parsed);
            problems.addAll(assembler.warnings);
            if (!problems.isEmpty()) {
                throw new IllegalStateException(RESOURCE + " is not clean: " + problems);
            }
            List<HwEntry> builtin = new ArrayList<>();
            for (HwEntry e : assembler.hwtable()) {
                Map<String, Value> values = new LinkedHashMap<>();
                e.attributes.forEach((k, v) -> values.put(k, new Value(v.value(), ConfigAssembler.BUILTIN_HWTABLE)));
                builtin.add(new HwEntry(e.vendor, e.product, e.revision, values, true, ConfigAssembler.BUILTIN_HWTABLE));
            }
            return List.copyOf(builtin);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ConfigSyntaxException e) {
            throw new IllegalStateException(RESOURCE + ": " + e.getMessage(), e);
        }
    }
}

package org.mpathbus.config.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.mpathbus.config.ConfigProblem;
import org.mpathbus.config.internal.ConfigNode.Section;
import org.mpathbus.config.internal.ConfigNode.Statement;

/**
 * Reads the files multipath-tools reads, in its order: multipath.conf (absent is fine: built-in defaults
 * apply), then the *.conf files of config_dir in alphabetical order, then the bindings and wwids files.
 * config_dir, bindings_file and wwids_file written in multipath.conf's defaults section take precedence
 * over the locations given here, as they do for multipath-tools.
 */
final class ConfigLoader {

    /** Where to look; each may be overridden by multipath.conf's defaults section. */
    record Locations(Path configFile, Path configDir, Path bindingsFile, Path wwidsFile) {
    }

    /** multipath-tools' config_dir when nothing names another. */
    static final String DEFAULT_CONFIG_DIR = "/etc/multipath/conf.d";

    private ConfigLoader() {
    }

    /** The built-in configuration: what multipath-tools uses without any file. */
    static ConfigSnapshot builtin() {
        return assemble(new ConfigAssembler(BuiltinHwtable.entries()), List.of(), List.of(), Map.of(), Set.of(), "",
                Path.of(DEFAULT_CONFIG_DIR));
    }

    static ConfigSnapshot load(Locations where) throws ConfigSyntaxException {
        List<ConfigProblem> warnings = new ArrayList<>();
        List<ParsedFile> parsed = new ArrayList<>();
        List<String> files = new ArrayList<>();
        String main = read(where.configFile());
        Path configDir = where.configDir();
        if (main != null) {
            ParsedFile mainFile = parse(where.configFile(), main, warnings);
            parsed.add(mainFile);
            files.add(where.configFile().toString());
            configDir = defaultsValue(mainFile, "config_dir").map(Path::of).orElse(configDir);
        }
        for (Path conf : confFiles(configDir)) {
            String content = read(conf);
            if (content != null) {
                parsed.add(parse(conf, content, warnings));
                files.add(conf.toString());
            }
        }
        ConfigAssembler assembler = new ConfigAssembler(BuiltinHwtable.entries());
        parsed.forEach(assembler::add);
        warnings.addAll(assembler.warnings);
        Path bindingsFile = pathSetting(assembler, "bindings_file", where.bindingsFile());
        Path wwidsFile = pathSetting(assembler, "wwids_file", where.wwidsFile());
        Map<String, String> bindings = readBindings(bindingsFile, warnings);
        Set<String> wwids = readWwids(wwidsFile, warnings);
        warnings.sort(java.util.Comparator.comparingInt((ConfigProblem p) -> order(files, p.file()))
                .thenComparing(ConfigProblem::file).thenComparingInt(ConfigProblem::line));
        return assemble(assembler, files, warnings, bindings, wwids, bindingsFile.toString(), configDir);
    }

    private static int order(List<String> files, String file) {
        int index = files.indexOf(file);
        return index < 0 ? files.size() : index;
    }

    private static ConfigSnapshot assemble(ConfigAssembler assembler, List<String> files, List<ConfigProblem> warnings,
            Map<String, String> bindings, Set<String> wwids, String bindingsFile, Path configDir) {
        List<HwEntry> hwtable = assembler.hwtable();
        assembler.addBuiltinBlacklist(hwtable);
        return new ConfigSnapshot(0, files, warnings, assembler.defaults, assembler.overrides,
                assembler.protocolOverrides, hwtable,
                assembler.multipaths(), assembler.blacklist, assembler.exceptions, bindings, wwids, bindingsFile, configDir);
    }

    private static Path pathSetting(ConfigAssembler assembler, String keyword, Path fallback) {
        Value v = assembler.defaults.get(keyword);
        return v == null ? fallback : Path.of(v.value());
    }

    private static java.util.Optional<String> defaultsValue(ParsedFile file, String keyword) {
        String found = null;
        for (ConfigNode node : file.nodes()) {
            if (node instanceof Section s && s.name().equals("defaults")) {
                for (ConfigNode child : s.children()) {
                    if (child instanceof Statement st && st.keyword().equals(keyword)) {
                        found = st.value();
                    }
                }
            }
        }
        return java.util.Optional.ofNullable(found);
    }

    private static ParsedFile parse(Path file, String content, List<ConfigProblem> warnings)
            throws ConfigSyntaxException {
        return new ParsedFile(file.toString(), ConfigParser.parse(content, file.toString(), warnings));
    }

    /** The file's text, or null when it does not exist. */
    private static String read(Path file) throws ConfigSyntaxException {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new ConfigSyntaxException(file.toString(), 0, "cannot read: " + e);
        }
    }

    /** config_dir/*.conf in alphabetical order; a missing directory holds none. */
    static List<Path> confFiles(Path dir) throws ConfigSyntaxException {
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return found;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.conf")) {
            for (Path p : entries) {
                if (Files.isRegularFile(p)) {
                    found.add(p);
                }
            }
        } catch (IOException e) {
            throw new ConfigSyntaxException(dir.toString(), 0, "cannot list: " + e);
        }
        found.sort(null);
        return found;
    }

    /** Lines "alias wwid"; '#' starts a comment. */
    static Map<String, String> readBindings(Path file, List<ConfigProblem> warnings) {
        Map<String, String> bindings = new LinkedHashMap<>();
        List<String> lines = lines(file, warnings);
        for (int i = 0; i < lines.size(); i++) {
            String line = stripComment(lines.get(i));
            if (line.isEmpty()) {
                continue;
            }
            String[] words = line.split("\\s+");
            if (words.length < 2) {
                warnings.add(new ConfigProblem(file.toString(), i + 1, "binding without WWID ignored: " + line));
            } else if (bindings.containsKey(words[0])) {
                warnings.add(new ConfigProblem(file.toString(), i + 1, "duplicate alias " + words[0] + " ignored"));
            } else {
                bindings.put(words[0], words[1]);
            }
        }
        return bindings;
    }

    /** Lines "/WWID/"; '#' starts a comment. */
    static Set<String> readWwids(Path file, List<ConfigProblem> warnings) {
        Set<String> wwids = new LinkedHashSet<>();
        List<String> lines = lines(file, warnings);
        for (int i = 0; i < lines.size(); i++) {
            String line = stripComment(lines.get(i));
            if (line.isEmpty()) {
                continue;
            }
            if (line.length() > 2 && line.startsWith("/") && line.endsWith("/")) {
                wwids.add(line.substring(1, line.length() - 1));
            } else {
                warnings.add(new ConfigProblem(file.toString(), i + 1, "not a /WWID/ line, ignored: " + line));
            }
        }
        return wwids;
    }

    private static List<String> lines(Path file, List<ConfigProblem> warnings) {
        try {
            return Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            warnings.add(new ConfigProblem(file.toString(), 0, "cannot read: " + e));
            return List.of();
        }
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return (hash >= 0 ? line.substring(0, hash) : line).strip();
    }
}

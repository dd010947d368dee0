package org.mpathbus.exporter.dbus.internal;

/** The bus name, the object paths and the interface names of the org.mpathbus.Multipath1 API. */
final class ObjectPaths {

    static final String BUS_NAME = "org.mpathbus.Multipath1";
    static final String ROOT = "/org/mpathbus/Multipath1";
    static final String MAPS = ROOT + "/maps";
    static final String PATHS = ROOT + "/paths";
    static final String CONFIG = ROOT + "/config";
    /** D-Bus has no null object path; the API uses "/" for "no object". */
    static final String NONE = "/";

    static final String MANAGER_INTERFACE = "org.mpathbus.Multipath1.Manager";
    static final String MAP_INTERFACE = "org.mpathbus.Multipath1.Map";
    static final String PATH_GROUP_INTERFACE = "org.mpathbus.Multipath1.PathGroup";
    static final String PATH_INTERFACE = "org.mpathbus.Multipath1.Path";
    static final String CONFIG_INTERFACE = "org.mpathbus.Multipath1.Config";

    private ObjectPaths() {
    }

    static String map(String wwid) {
        return MAPS + "/" + escape(wwid);
    }

    static String group(String mapWwid, int index) {
        return map(mapWwid) + "/groups/" + index;
    }

    static String path(String kernelName) {
        return PATHS + "/" + escape(kernelName);
    }

    /**
     * Makes one object path element the way udisks does: ASCII letters and digits stay, every other byte of
     * the UTF-8 encoding becomes "_" and two lower-case hex digits. An empty name becomes "_".
     */
    static String escape(String name) {
        if (name.isEmpty()) {
            return "_";
        }
        StringBuilder escaped = new StringBuilder(name.length() + 8);
        for (byte b : name.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                escaped.append((char) c);
            } else {
                escaped.append('_').append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
            }
        }
        return escaped.toString();
    }

    /** The name {@link #escape} made {@code element} of; null when it is not such an element. */
    static String unescape(String element) {
        if (element.equals("_")) {
            return "";
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(element.length());
        for (int i = 0; i < element.length(); i++) {
            char c = element.charAt(i);
            if (c == '_') {
                if (i + 2 >= element.length()) {
                    return null;
                }
                // Lower-case only, as escape writes them: one object, one path
                int high = lowerHexDigit(element.charAt(i + 1));
                int low = lowerHexDigit(element.charAt(i + 2));
                if (high < 0 || low < 0) {
                    return null;
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                bytes.write(c);
            } else {
                return null;
            }
        }
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static int lowerHexDigit(char c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    }
}

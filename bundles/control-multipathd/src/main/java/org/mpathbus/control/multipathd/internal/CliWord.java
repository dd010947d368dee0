package org.mpathbus.control.multipathd.internal;

/**
 * A map or path name as one word that multipathd 0.9.4's CLI reads back unchanged. Its commands are split by
 * libmultipath's alloc_strvec (get_cmdvec): a word ends at a blank, a non-ASCII byte, '"', '{' or '}' (the
 * last two are words of their own), and '!' or '#' start a comment that drops the rest of the command.
 * The kernel names a cciss disk "cciss!c0d0" in sysfs (its /dev/cciss/c0d0); multipathd's convert_dev turns
 * a path argument's "cciss/" back into "cciss!", so that name is sent as "cciss/c0d0".
 */
final class CliWord {

    /** A device or map name longer than this is not one (dm's DM_NAME_LEN is 128). */
    static final int MAX_LENGTH = 255;
    private static final String CCISS_SYSFS = "cciss!";
    private static final String CCISS_CLI = "cciss/";

    private CliWord() {
    }

    /** The word that names the path device {@code device} (its sysfs name) to multipathd. */
    static String ofPath(String device) throws Unreadable {
        String word = device.startsWith(CCISS_SYSFS) ? CCISS_CLI + device.substring(CCISS_SYSFS.length()) : device;
        check(device, word, "device");
        return word;
    }

    /** The word that names the map {@code name} to multipathd. */
    static String ofMap(String name) throws Unreadable {
        check(name, name, "map");
        return name;
    }

    private static void check(String name, String word, String what) throws Unreadable {
        if (name.isEmpty()) {
            throw new Unreadable("no " + what + " name given");
        }
        if (name.length() > MAX_LENGTH) {
            throw new Unreadable("a " + what + " name of " + name.length() + " characters is longer than "
                    + MAX_LENGTH);
        }
        for (int i = 0; i < word.length(); i++) {
            String why = whyUnreadable(word.charAt(i));
            if (why != null) {
                throw new Unreadable("'" + name + "' cannot be sent to multipathd as a " + what + " name: "
                        + why + " at " + i);
            }
        }
    }

    private static String whyUnreadable(char c) {
        if (c <= ' ' || c >= 0x7f) {
            return String.format("its CLI ends a word at U+%04X", (int) c);
        }
        return switch (c) {
            case '!', '#' -> "its CLI reads '" + c + "' as the start of a comment";
            case '{', '}', '"' -> "its CLI reads '" + c + "' as a word of its own";
            case '\'', '\\' -> "'" + c + "' is in no device or map name";
            default -> null;
        };
    }

    /** A name multipathd would not read as sent, and why. */
    static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreadable(String message) {
            super(message);
        }
    }
}

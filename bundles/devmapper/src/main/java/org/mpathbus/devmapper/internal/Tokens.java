package org.mpathbus.devmapper.internal;

import java.util.ArrayList;
import java.util.List;

import org.mpathbus.api.DeviceNumber;

/** The words of one dm line with their offsets, read front to back by the parsers. */
final class Tokens {

    /** Counts above this are nonsense for a multipath target and would only invite huge loops. */
    private static final int MAX_COUNT = 1 << 20;

    private final String line;
    private final List<String> words = new ArrayList<>();
    private final List<Integer> offsets = new ArrayList<>();
    private int next;

    Tokens(String line) {
        this.line = line;
        int i = 0;
        int length = line.length();
        while (i < length) {
            while (i < length && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < length && !Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i > start) {
                words.add(line.substring(start, i));
                offsets.add(start);
            }
        }
    }

    boolean atEnd() {
        return next >= words.size();
    }

    int remaining() {
        return words.size() - next;
    }

    String word(String what) throws ParseException {
        if (atEnd()) {
            throw error("expected " + what);
        }
        return words.get(next++);
    }

    /** A count of following items; each item takes at least one word, so it cannot exceed what is left. */
    int count(String what) throws ParseException {
        int value = number(what);
        int left = remaining();
        if (value > left || value > MAX_COUNT) {
            next--;
            throw error(what + " " + value + " exceeds the " + left + " words that follow");
        }
        return value;
    }

    /** A number from 0 to max. */
    int number(String what, int max) throws ParseException {
        int value = number(what);
        if (value > max) {
            next--;
            throw error(what + " " + value + " is beyond " + max);
        }
        return value;
    }

    /** A non-negative decimal number. */
    int number(String what) throws ParseException {
        String word = word(what);
        if (word.isEmpty() || word.length() > 9 || !word.chars().allMatch(c -> c >= '0' && c <= '9')) {
            next--;
            throw error("expected " + what + " (a non-negative number)");
        }
        return Integer.parseInt(word);
    }

    List<String> words(int count, String what) throws ParseException {
        List<String> result = new ArrayList<>(Math.min(count, remaining()));
        for (int i = 0; i < count; i++) {
            result.add(word(what));
        }
        return result;
    }

    DeviceNumber device(String what) throws ParseException {
        String word = word(what);
        int colon = word.indexOf(':');
        if (colon > 0 && colon < word.length() - 1 && colon <= 9 && word.length() - colon - 1 <= 9
                && isDigits(word, 0, colon) && isDigits(word, colon + 1, word.length())) {
            return new DeviceNumber(Integer.parseInt(word.substring(0, colon)), Integer.parseInt(word.substring(colon + 1)));
        }
        next--;
        throw error("expected " + what + " (major:minor)");
    }

    /** One of the given single words, such as a state letter. */
    String oneOf(String what, String... allowed) throws ParseException {
        String word = word(what);
        for (String candidate : allowed) {
            if (candidate.equals(word)) {
                return word;
            }
        }
        next--;
        throw error("expected " + what + " (one of " + String.join(", ", allowed) + ")");
    }

    void expectEnd() throws ParseException {
        if (!atEnd()) {
            throw error("unexpected words after the last path group");
        }
    }

    /** An error about the current word (the one just refused, or the missing one at the end). */
    ParseException error(String problem) {
        if (atEnd()) {
            return new ParseException(problem, line, line.length(), next, null);
        }
        return new ParseException(problem, line, offsets.get(next), next, words.get(next));
    }

    private static boolean isDigits(String word, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = word.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}

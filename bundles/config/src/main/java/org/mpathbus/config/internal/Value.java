package org.mpathbus.config.internal;

/** A configured value with the place it was written: "file:line", or "built-in hwtable". */
record Value(String value, String source) {
}

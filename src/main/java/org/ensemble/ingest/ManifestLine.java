package org.ensemble.ingest;

/**
 * One non-blank line of an inbox manifest, with its 1-based line number for error messages; {@code badByteAt} is the
 * 1-based position of the first byte that is not UTF-8 (the text then shows it as U+FFFD), or 0 when the line is clean.
 */
record ManifestLine(int number, String text, int badByteAt) {

    ManifestLine(int number, String text) {
        this(number, text, 0);
    }
}

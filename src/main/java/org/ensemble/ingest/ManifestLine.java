package org.ensemble.ingest;

/** One non-blank line of an inbox manifest, with its 1-based line number for error messages. */
record ManifestLine(int number, String text) {
}

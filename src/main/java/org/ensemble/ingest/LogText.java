package org.ensemble.ingest;

/**
 * Manifest text as it may be shown. A manifest is written by hand or by other programs and can carry control
 * characters (a NUL in a name, an escape sequence, a line break that forges a log line): in logs and reasons they
 * are written out visibly ({@code \u0000}); in what goes on screen and into the database they are left out.
 */
final class LogText {

    private LogText() {
    }

    /** The text with every control and line-separating character written as a visible escape; null stays null. */
    static String escape(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (hidden(cp)) {
                out.append(switch (cp) {
                    case '\n' -> "\\n";
                    case '\r' -> "\\r";
                    case '\t' -> "\\t";
                    default -> String.format("\\u%04X", cp);
                });
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    /** The text without control characters (a tab or line break becomes a space), for names shown on screen. */
    static String printable(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp == '\n' || cp == '\r' || cp == '\t' || cp == 0x2028 || cp == 0x2029) {
                out.append(' ');
            } else if (!hidden(cp)) {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    /** C0 and C1 controls, DEL, and the Unicode line and paragraph separators. */
    private static boolean hidden(int cp) {
        return Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029;
    }
}

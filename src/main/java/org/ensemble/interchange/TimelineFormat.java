package org.ensemble.interchange;

import java.util.Locale;

/** The timeline files editors exchange with their NLE. */
public enum TimelineFormat {
    EDL("edl", "text/plain"),
    OTIO("otio", "application/json");

    private final String extension;
    private final String mediaType;

    TimelineFormat(String extension, String mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    public String extension() {
        return extension;
    }

    public String mediaType() {
        return mediaType;
    }

    /** {@code edl} or {@code otio} (any case). */
    public static TimelineFormat parse(String name) {
        for (TimelineFormat f : values()) {
            if (f.extension.equalsIgnoreCase(name == null ? "" : name.strip())) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown timeline format '" + name + "' (edl or otio)");
    }

    /** The format a file's name says ({@code .edl}, {@code .otio}), or null. */
    public static TimelineFormat ofFileName(String fileName) {
        String lower = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        for (TimelineFormat f : values()) {
            if (lower.endsWith("." + f.extension)) {
                return f;
            }
        }
        return null;
    }
}

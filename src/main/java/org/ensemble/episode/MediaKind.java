package org.ensemble.episode;

/** What a contribution's file turned out to be, which decides how it is conformed and whether it is elastic. */
public enum MediaKind {
    /** Moving pictures, with or without sound. */
    VIDEO,
    /** Sound only: a voice recording or music; gets a picture. */
    AUDIO,
    /** A photo or drawing: becomes a slow moving shot; elastic. */
    STILL,
    /** Writing: becomes text cards; elastic. */
    TEXT;

    public boolean elastic() {
        return this == STILL || this == TEXT;
    }
}

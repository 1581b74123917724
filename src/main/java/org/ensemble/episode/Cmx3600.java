package org.ensemble.episode;

import java.util.Locale;

/**
 * Writes an {@link EditDecisionList} as a CMX 3600 EDL (non-drop frame, record timecode from 01:00:00:00 as
 * broadcast masters start). Every event is a cut on "AX" (auxiliary source) with the clip name and source file in
 * comments, which is how NLEs expect sources without tape reels.
 */
public final class Cmx3600 {

    public static final long RECORD_START_SECONDS = 3600;

    private Cmx3600() {
    }

    public static String write(EditDecisionList edl) {
        int fps = edl.frameRate();
        long recordStart = RECORD_START_SECONDS * fps;
        StringBuilder out = new StringBuilder();
        out.append("TITLE: ").append(ascii(edl.title()).toUpperCase(Locale.ROOT)).append("\r\n");
        out.append("FCM: NON-DROP FRAME\r\n\r\n");
        for (EditDecisionList.Event e : edl.events()) {
            out.append(String.format(Locale.ROOT, "%03d  %-8s %-5s %-8s %s %s %s %s\r\n", e.number(), "AX", "AA/V", "C",
                    Timecode.smpte(e.sourceIn(), fps), Timecode.smpte(e.sourceOut(), fps),
                    Timecode.smpte(recordStart + e.recordIn(), fps), Timecode.smpte(recordStart + e.recordOut(), fps)));
            out.append("* FROM CLIP NAME: ").append(ascii(clipName(e))).append("\r\n");
            if (e.sourceFile() != null) {
                out.append("* SOURCE FILE: ").append(ascii(e.sourceFile())).append("\r\n");
            }
            out.append("* ENSEMBLE PIECE: ").append(ascii(e.pieceId()));
            if (e.category() != null) {
                out.append(" CATEGORY: ").append(e.category());
            }
            out.append("\r\n\r\n");
        }
        return out.toString();
    }

    static String clipName(EditDecisionList.Event e) {
        return switch (e.kind()) {
            case INTRO -> "Intro";
            case OUTRO -> "Credits";
            case PIECE -> e.contributor() + " - " + e.title();
        };
    }

    /** CMX 3600 is 7-bit text: accents are folded, anything else becomes '?'. */
    static String ascii(String text) {
        String folded = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        StringBuilder out = new StringBuilder();
        for (char ch : folded.toCharArray()) {
            out.append(ch >= 32 && ch < 127 ? ch : '?');
        }
        return out.toString();
    }
}

package org.ensemble.show;

import java.nio.file.Path;

/**
 * The sound a show lays under pieces that have none of their own (photos, writing, films without sound), so the
 * programme never goes quiet: a file from the show's own assets (music or room tone), or a soft chord Ensemble makes
 * ({@code file} null). Its loudness is set against the show's target, and it fades in and out at the piece's joins.
 *
 * @param file       the bed's sound file (absolute; a show file names it relative to the jobs folder), or null for the chord
 * @param levelLu    its integrated loudness against the show's target (0: at the target; -6: six LU under it)
 * @param fadeFrames how long it fades in at the piece's start and out at its end
 */
public record SoundBed(Path file, double levelLu, long fadeFrames) {
}

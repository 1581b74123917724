package org.ensemble;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A tiny week for the tiny show ({@code src/test/resources/jobs/tiny-show.yaml}), made here with real FFmpeg. */
public final class TinyWeek {

    private TinyWeek() {
    }

    /**
     * Four pieces, one of each kind (two videos, a photo, a writing piece), in {@code inbox} with its manifest.
     * {@code firstVideoSeconds} sets the length of the first video (a longer one keeps conform busy for longer).
     */
    public static Path make(Path inbox, int firstVideoSeconds) throws IOException {
        Files.createDirectories(inbox);
        TestMedia.video(inbox.resolve("a.mp4"), firstVideoSeconds, 320, 180, 30, -20);
        TestMedia.video(inbox.resolve("b.mp4"), 8, 640, 360, 25, -25);
        TestMedia.picture(inbox.resolve("c.png"), 400, 300);
        TestMedia.text(inbox.resolve("d.md"), "# Tea\n\nThe *first* cup is for the window.\n");
        Files.writeString(inbox.resolve("manifest.jsonl"), String.join("\n",
                "{\"id\":\"a\",\"contributor\":\"Ana\",\"category\":\"talking-life\",\"title\":\"A\",\"file\":\"a.mp4\",\"approvedAt\":\"2026-11-23T10:00:00Z\"}",
                "{\"id\":\"b\",\"contributor\":\"Bo\",\"category\":\"filmed-life\",\"title\":\"B\",\"file\":\"b.mp4\",\"approvedAt\":\"2026-11-23T11:00:00Z\"}",
                "{\"id\":\"c\",\"contributor\":\"Cy\",\"category\":\"photography\",\"title\":\"C\",\"file\":\"c.png\",\"approvedAt\":\"2026-11-23T12:00:00Z\"}",
                "{\"id\":\"d\",\"contributor\":\"Di\",\"category\":\"writing\",\"title\":\"Tea\",\"file\":\"d.md\",\"approvedAt\":\"2026-11-23T13:00:00Z\"}"));
        return inbox;
    }
}

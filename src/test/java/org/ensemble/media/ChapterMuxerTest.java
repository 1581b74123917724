package org.ensemble.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ChapterMuxerTest {

    @Test
    void copiesBothStreamsTakesChaptersFromTheMetadataFileAndPutsTheIndexFirst() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("episode_id", "S2026E01");
        tags.put("comment", "With Ana Lima, Ben Okoro");

        var args = ChapterMuxer.command(Path.of("/w/master.mp4"), Path.of("/w/chapters.ffmetadata"), tags, Path.of("/o/episode.mp4"))
                .arguments();

        assertThat(String.join(" ", args)).contains("-protocol_whitelist file -i /w/master.mp4",
                "-f ffmetadata -protocol_whitelist file -i /w/chapters.ffmetadata",
                "-map 0:v:0 -map 0:a:0 -map_metadata 0 -map_chapters 1 -c copy -movflags +faststart",
                "-metadata episode_id=S2026E01 -metadata comment=With Ana Lima, Ben Okoro /o/episode.mp4");
        assertThat(args).doesNotContain("-c:v", "libx264", "-filter_complex");
    }
}

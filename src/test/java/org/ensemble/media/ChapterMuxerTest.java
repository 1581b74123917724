package org.ensemble.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ensemble.Mp4Atoms;
import org.ensemble.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @TempDir
    Path dir;

    @Test
    void theIndexIsWrittenOnceIntoRoomKeptForItAndWithFaststartWhenTheRoomIsTooSmall() throws Exception {
        // given a master as render leaves it (index at the end) and three chapters
        Path master = dir.resolve("master.mp4");
        TestMedia.ffmpeg("-v", "error", "-f", "lavfi", "-i", "testsrc2=s=320x180:r=30:d=3", "-f", "lavfi", "-i",
                "sine=f=440:r=48000:d=3", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-shortest", master.toString());
        Path chapters = dir.resolve("chapters.ffmetadata");
        Files.writeString(chapters, """
                ;FFMETADATA1
                [CHAPTER]
                TIMEBASE=1/1000
                START=0
                END=1000
                title=One
                [CHAPTER]
                TIMEBASE=1/1000
                START=1000
                END=2000
                title=Two
                [CHAPTER]
                TIMEBASE=1/1000
                START=2000
                END=3000
                title=Three
                """);
        assertThat(topLevel(master)).containsSubsequence("mdat", "moov");
        MediaSettings settings = new MediaSettings("", "", java.time.Duration.ofSeconds(60), java.time.Duration.ofSeconds(5),
                "ultrafast", 23);
        MediaProcessGateway gateway = new MediaProcessGateway();
        ChapterMuxer muxer = new ChapterMuxer(FfmpegToolchain.detect(settings, gateway), gateway);
        Map<String, String> tags = Map.of("title", "Three chapters");
        long room = ChapterMuxer.indexRoom(master, chapters, tags);

        // when
        Path roomy = dir.resolve("roomy.mp4");
        muxer.remux(master, chapters, tags, roomy, room);
        Path cramped = dir.resolve("cramped.mp4");
        muxer.remux(master, chapters, tags, cramped, 64);

        // then both have the index first, the three chapters, the tag and every packet of the master
        assertThat(room).isGreaterThan(ChapterMuxer.moovSize(master));
        assertThat(topLevel(roomy)).containsSubsequence("ftyp", "moov", "free", "mdat");
        // (FFmpeg exits 0 when the room is too small, with a broken file: the boxes are what tells) the fallback moved
        // the index up with +faststart, without the room
        assertThat(topLevel(cramped)).containsSubsequence("ftyp", "moov", "mdat");
        assertThat(Files.size(roomy) - Files.size(cramped)).isGreaterThanOrEqualTo(64 * 1024 - 16);
        for (Path published : List.of(roomy, cramped)) {
            assertThat(TestMedia.ffprobe("-show_chapters", "-of", "csv=p=0", published.toString()).lines().count()).isEqualTo(3);
            assertThat(TestMedia.ffprobe("-show_entries", "format_tags=title", "-of", "csv=p=0", published.toString()).strip())
                    .isEqualTo("Three chapters");
            assertThat(packets(published)).isEqualTo(packets(master));
        }
        // and the roomy one was written once: it is no larger than the index, the room and the media
        assertThat(Files.size(roomy)).isLessThan(Files.size(master) + room);
    }

    @Test
    void theSeasonAndEpisodeTagsAreITunesAtomsOfWhichFfmpegKeepsEightBits() throws Exception {
        // given a master and the tags publishing writes: season 1 (a show numbering its seasons), episode 3
        Path master = dir.resolve("master.mp4");
        TestMedia.ffmpeg("-v", "error", "-f", "lavfi", "-i", "testsrc2=s=160x90:r=30:d=1", "-f", "lavfi", "-i",
                "sine=f=440:r=48000:d=1", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-shortest", master.toString());
        Path chapters = dir.resolve("chapters.ffmetadata");
        Files.writeString(chapters, ";FFMETADATA1\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=1000\ntitle=One\n");
        MediaSettings settings = new MediaSettings("", "", java.time.Duration.ofSeconds(60), java.time.Duration.ofSeconds(5),
                "ultrafast", 23);
        MediaProcessGateway gateway = new MediaProcessGateway();
        ChapterMuxer muxer = new ChapterMuxer(FfmpegToolchain.detect(settings, gateway), gateway);

        // when
        Path numbered = dir.resolve("numbered.mp4");
        muxer.remux(master, chapters, Map.of("season_number", "1", "episode_sort", "3"), numbered);
        Path year = dir.resolve("year.mp4");
        muxer.remux(master, chapters, Map.of("season_number", "2026"), year);

        // then the atoms read back hold 1 and 3 in a 4-byte integer (data type 21)
        Mp4Atoms.Box season = Mp4Atoms.find(numbered, "moov", "udta", "meta", "ilst", "tvsn", "data").orElseThrow();
        Mp4Atoms.Box episode = Mp4Atoms.find(numbered, "moov", "udta", "meta", "ilst", "tves", "data").orElseThrow();
        System.out.println("tvsn/data: " + season.hex() + " = " + season.number() + "; tves/data: " + episode.hex() + " = " + episode.number());
        assertThat(season.dataType()).isEqualTo(21);
        assertThat(season.content()).hasSize(12);
        assertThat(season.number()).isEqualTo(1);
        assertThat(episode.number()).isEqualTo(3);
        // and why a season is numbered from 1: FFmpeg keeps the low 8 bits, so the year 2026 reads 234
        assertThat(Mp4Atoms.find(year, "moov", "udta", "meta", "ilst", "tvsn", "data").orElseThrow().number()).isEqualTo(2026 % 256);
    }

    /** Packets of the picture and the sound (a published file also has the chapters' text track). */
    private static String packets(Path file) {
        return TestMedia.ffprobe("-count_packets", "-show_entries", "stream=codec_type,nb_read_packets", "-of", "csv=p=0",
                file.toString()).lines().filter(l -> l.startsWith("video") || l.startsWith("audio")).toList().toString();
    }

    /** The top-level box types of an MP4, in order. */
    private static List<String> topLevel(Path mp4) throws java.io.IOException {
        List<String> types = new java.util.ArrayList<>();
        byte[] all = Files.readAllBytes(mp4);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(all);
        int at = 0;
        while (at + 8 <= all.length) {
            long size = b.getInt(at) & 0xFFFFFFFFL;
            types.add(new String(all, at + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1));
            if (size == 1) {
                size = b.getLong(at + 8);
            }
            if (size < 8 || at + size > all.length) {
                throw new AssertionError(mp4 + ": box " + types.get(types.size() - 1) + " at " + at + " does not fit the file");
            }
            at += (int) size;
        }
        return types;
    }
}

package org.ensemble.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** How packet times become stream lengths (ffprobe's output is written out here; the files are tested in ingest). */
class PacketTimelineTest {

    @Test
    void aStreamEndsWhereItsLastPacketEnds() {
        // given B-frames (times out of order) and a sound stream that starts before the picture
        String packets = """
                stream_index=0|pts_time=0.066667|dts_time=0.000000|duration_time=0.033333
                stream_index=1|pts_time=-0.021333|dts_time=-0.021333|duration_time=0.021333
                stream_index=0|pts_time=0.000000|dts_time=0.033333|duration_time=0.033333
                stream_index=0|pts_time=0.033333|dts_time=0.066667|duration_time=0.033333
                stream_index=1|pts_time=0.000000|dts_time=0.000000|duration_time=0.021333
                """;

        PacketTimeline t = PacketTimeline.parse(packets, false);

        assertThat(t.packets(0)).isEqualTo(3);
        assertThat(t.startSeconds()).isCloseTo(-0.021333, within(1e-9));
        // 0.1 s of picture, counted from the file's start (the sound's first packet)
        assertThat(t.secondsUntilEndOf(0)).isCloseTo(0.121333, within(1e-6));
        assertThat(t.secondsUntilEndOf(1)).isCloseTo(0.042666, within(1e-6));
    }

    @Test
    void packetsWithoutDurationLastAsLongAsTheStreamsPacketsDoOnAverage() {
        String packets = """
                stream_index=0|pts_time=0.000|dts_time=N/A|duration_time=N/A
                stream_index=0|pts_time=0.040|dts_time=N/A|duration_time=N/A
                stream_index=0|pts_time=0.080|dts_time=N/A|duration_time=N/A
                side_data|side_data_type=Matroska BlockAdditional
                """;

        PacketTimeline t = PacketTimeline.parse(packets, false);

        assertThat(t.secondsUntilEndOf(0)).isCloseTo(0.120, within(1e-9));
    }

    @Test
    void aThirtyThreeBitClockThatWrapsGoesOnAWholeWrapLater() {
        // given MPEG-TS times as a demuxer that does not unwrap them reports them: 95443.6 s, then 0.0023 s (the wrap is at 95443.7177 s)
        String packets = """
                stream_index=0|pts_time=95443.600000|dts_time=95443.600000|duration_time=0.040000
                stream_index=0|pts_time=95443.640000|dts_time=95443.640000|duration_time=0.040000
                stream_index=0|pts_time=95443.680000|dts_time=95443.680000|duration_time=0.040000
                stream_index=0|pts_time=0.002311|dts_time=0.002311|duration_time=0.040000
                stream_index=0|pts_time=0.042311|dts_time=0.042311|duration_time=0.040000
                """;

        PacketTimeline t = PacketTimeline.parse(packets, false);

        // five packets of 40 ms: 0.2 s, not 95443 s and not a negative length
        assertThat(t.secondsUntilEndOf(0)).isCloseTo(0.2, within(1e-5));
    }
}

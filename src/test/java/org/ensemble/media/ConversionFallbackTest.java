package org.ensemble.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import javax.imageio.ImageIO;

import org.ensemble.TestMedia;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An FFmpeg without zscale/tonemap and without a deinterlacer (some distribution and LGPL builds) still conforms HDR
 * and interlaced footage: HDR gets the approximate curve, interlaced footage is scaled as it is. Measured, not assumed.
 */
class ConversionFallbackTest {

    static final HouseProfile HOUSE = new HouseProfile(320, 180, 30, "yuv420p", 48000, 2, 128);
    static final MediaSettings SETTINGS = new MediaSettings("", "", Duration.ofSeconds(60), Duration.ofSeconds(10), "veryfast", 20);

    @TempDir
    static Path dir;
    static FfmpegToolchain lean;
    static MediaProcessGateway gateway;

    @BeforeAll
    static void leanToolchain() {
        gateway = new MediaProcessGateway();
        FfmpegToolchain full = FfmpegToolchain.detect(SETTINGS, gateway);
        lean = new FfmpegToolchain(full.ffmpeg(), full.ffprobe(), "without zscale, tonemap, yadif, bwdif", full.version(),
                full.videoEncoder(), new FfmpegToolchain.Conversions(false, ""));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // PQ at BT.2408 mid grey (26 cd/m2) and reference white (203 cd/m2); as-is white would be 143
            "smpte2084, 414, 572",
            // HLG at mid grey and reference white (75 %); as-is white would be 180
            "arib-std-b67, 397, 721",
    })
    void hdrWithoutZscaleGetsTheApproximateCurve(String transfer, int greyCode, int whiteCode) throws IOException {
        Path source = dir.resolve(transfer + ".mp4");
        TestMedia.ffmpeg("-v", "error", "-f", "lavfi", "-i", "nullsrc=s=320x180:r=30:d=1,format=yuv420p10le,"
                        + "geq=lum='if(lt(X\\," + 160 + ")\\," + greyCode + "\\," + whiteCode + ")':cb=512:cr=512",
                "-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=error:colorprim=bt2020:transfer=" + transfer
                        + ":colormatrix=bt2020nc", "-color_primaries", "bt2020", "-color_trc", transfer, "-colorspace", "bt2020nc",
                source.toString());
        SegmentRequest request = new SegmentRequest("fallback " + transfer, new SegmentRequest.Footage(source, 0, false, false, transfer),
                new SegmentRequest.Silence(), 30, null, dir.resolve(transfer + "-picture.mp4"), dir.resolve(transfer + "-sound.flac"));

        new SegmentEncoder(lean, gateway, SETTINGS).encode(request, HOUSE, 1);

        assertThat(new MediaProbe(lean, gateway).probe(request.pictureOut(), true).video().orElseThrow().frameCount()).isEqualTo(30);
        Path png = dir.resolve(transfer + ".png");
        TestMedia.ffmpeg("-v", "error", "-i", request.pictureOut().toString(), "-vf", "select=eq(n\\,10)", "-frames:v", "1", png.toString());
        BufferedImage frame = ImageIO.read(png.toFile());
        double grey = meanLuma(frame, 20, 30, 100, 100);
        double white = meanLuma(frame, 200, 30, 100, 100);
        System.out.printf("[fallback %s] mid grey luma %.0f, white luma %.0f%n", transfer, grey, white);
        assertThat(grey).isBetween(90.0, 140.0);
        assertThat(white).isGreaterThan(190.0);
    }

    static double meanLuma(BufferedImage img, int x, int y, int w, int h) {
        double sum = 0;
        for (int j = y; j < y + h; j++) {
            for (int i = x; i < x + w; i++) {
                int rgb = img.getRGB(i, j);
                sum += 0.299 * ((rgb >> 16) & 0xFF) + 0.587 * ((rgb >> 8) & 0xFF) + 0.114 * (rgb & 0xFF);
            }
        }
        return sum / (w * h);
    }
}

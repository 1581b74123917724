package org.ensemble.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

import org.ensemble.media.HouseProfile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A still's plate: pictures close to the frame's shape fill it; others are shown whole on a blurred fill. */
class StillPlateTest {

    static final HouseProfile PROFILE = new HouseProfile(320, 180, 30, "yuv420p", 48000, 2, 128);

    @ParameterizedTest(name = "{0}x{1} fills the frame: {2}")
    @CsvSource({
            // 3:2 landscape (a camera's photo) in 16:9: 16 % of its height is cut, so it fills the frame
            "1600, 1067, true",
            // 16:9 itself
            "1920, 1080, true",
            // 4:3 would lose 25 %: shown whole on the fill
            "640, 480, false",
            // portrait: shown whole on the fill
            "480, 640, false",
    })
    void closeShapesFillTheFrameOthersSitOnTheFill(int width, int height, boolean fills) {
        BufferedImage photo = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = photo.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, width, height);
        g.dispose();

        BufferedImage plate = new Painter(PROFILE).stillPlate(photo);

        // the plate's left and right edges, half-way down: the picture itself, or the darkened blurred fill
        for (int x : new int[] {1, plate.getWidth() - 2}) {
            Color edge = new Color(plate.getRGB(x, plate.getHeight() / 2));
            if (fills) {
                assertThat(edge.getRed()).as("x=%d", x).isGreaterThan(240);
            } else {
                assertThat(edge.getRed()).as("x=%d", x).isLessThan(200);
            }
        }
    }
}

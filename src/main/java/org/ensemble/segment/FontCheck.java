package org.ensemble.segment;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Makes sure Java can use fonts here, at start rather than at the first card. It loads a bundled font itself, apart
 * from {@link Painter}, whose fonts are made when that class is first used (a failure there would surface as an
 * error in its initialisation, not as a sentence).
 */
final class FontCheck {

    private FontCheck() {
    }

    static void require() {
        try (InputStream in = FontCheck.class.getResourceAsStream("/fonts/DejaVuSans.ttf")) {
            if (in == null) {
                throw new IllegalStateException("Bundled font DejaVuSans.ttf is missing");
            }
            Font.createFont(Font.TRUETYPE_FONT, in).getFamily();
        } catch (LinkageError | IOException | FontFormatException e) {
            throw new FontsUnavailableException("Java cannot use fonts on this machine, so no card or credit can be drawn; "
                    + "install fontconfig (Debian: apt-get install libfontconfig1), which the JDK needs for any font", e);
        }
    }
}

package org.ensemble.segment;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.LineBreakMeasurer;
import java.awt.font.TextAttribute;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.text.AttributedString;
import java.text.CharacterIterator;
import java.util.ArrayList;
import java.util.List;

import java.util.Locale;
import java.util.Objects;
import javax.imageio.ImageIO;

import org.ensemble.media.HouseProfile;

/**
 * Draws Ensemble's own pictures with Java2D and the bundled DejaVu fonts (so no system fonts are needed):
 * contributor credits, text cards for writing, plates for stills, backgrounds for sound-only pieces, titles and
 * the credits roll. Every size is relative to the house frame, so the tiny test profile looks the same as 1080p.
 */
final class Painter {

    static final Color INK = new Color(0x1F, 0x1B, 0x18);
    static final Color PAPER = new Color(0xF4, 0xEF, 0xE6);
    static final Color ACCENT = new Color(0xF2, 0xA5, 0x41);
    private static final Font SANS = font("DejaVuSans.ttf");
    private static final Font SANS_BOLD = font("DejaVuSans-Bold.ttf");
    private static final Font SERIF = font("DejaVuSerif.ttf");
    private static final Font SERIF_ITALIC = font("DejaVuSerif-Italic.ttf");

    private final HouseProfile profile;
    private final int w;
    private final int h;

    Painter(HouseProfile profile) {
        this.profile = profile;
        this.w = profile.width();
        this.h = profile.height();
    }

    /** A picture placed at (x, y) of the frame. */
    record Placed(BufferedImage image, int x, int y) {
    }

    /** The contributor's credit for the lower third: a translucent box with name, piece and place, and where it goes. */
    Placed lowerThird(Credit credit) {
        Font name = SANS_BOLD.deriveFont(h * 0.048f);
        Font small = SANS.deriveFont(h * 0.03f);
        Font label = SANS.deriveFont(h * 0.024f);
        String second = credit.title() + (blank(credit.location()) ? "" : "  ·  " + credit.location());
        int margin = Math.round(w * 0.05f);
        Graphics2D probe = graphics(new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB));
        float textWidth = Math.max(width(probe, name, credit.contributor()), width(probe, small, second));
        probe.dispose();
        int boxWidth = even(Math.min(w - 2 * margin, textWidth + h * 0.08f));
        int boxHeight = even(h * 0.155f);
        int top = even(h - margin * 0.6f - boxHeight - h * 0.03f);
        BufferedImage img = new BufferedImage(boxWidth, boxHeight, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = graphics(img);
        g.setColor(new Color(0, 0, 0, 150));
        g.fill(new RoundRectangle2D.Float(0, 0, boxWidth, boxHeight, h * 0.02f, h * 0.02f));
        g.setColor(ACCENT);
        g.fillRect(0, 0, Math.max(2, (int) (h * 0.008f)), boxHeight);
        g.setFont(label);
        g.drawString(credit.categoryLabel().toUpperCase(Locale.ROOT), h * 0.035f, h * 0.04f);
        g.setColor(Color.WHITE);
        g.setFont(name);
        g.drawString(fit(g, name, credit.contributor(), boxWidth - h * 0.06f), h * 0.035f, h * 0.092f);
        g.setColor(new Color(235, 235, 235));
        g.setFont(small);
        g.drawString(fit(g, small, second, boxWidth - h * 0.06f), h * 0.035f, h * 0.135f);
        g.dispose();
        return new Placed(img, margin, top);
    }

    /** How much of a still's long side may be cut for it to fill the frame (0.8: up to 20 %). */
    static final double FILL_WHEN_CROP_AT_MOST = 0.8;

    /**
     * A still prepared for a slow move: the picture in a frame 10 % larger than the house frame, filling it when its
     * shape is close to the frame's, else whole on a blurred fill.
     */
    BufferedImage stillPlate(BufferedImage photo) {
        int pw = even(w * 1.1);
        int ph = even(h * 1.1);
        BufferedImage plate = new BufferedImage(pw, ph, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(plate);
        // blurred, darkened cover as background: shrink hard, then scale up smoothly
        double cover = Math.max(pw / (double) photo.getWidth(), ph / (double) photo.getHeight());
        BufferedImage tiny = scaled(photo, Math.max(1, (int) (photo.getWidth() * cover / 24)), Math.max(1, (int) (photo.getHeight() * cover / 24)));
        int bw = (int) Math.ceil(photo.getWidth() * cover);
        int bh = (int) Math.ceil(photo.getHeight() * cover);
        g.drawImage(tiny, (pw - bw) / 2, (ph - bh) / 2, bw, bh, null);
        g.setColor(new Color(0, 0, 0, 110));
        g.fillRect(0, 0, pw, ph);
        double contain = Math.min(pw / (double) photo.getWidth(), ph / (double) photo.getHeight());
        // a picture close to the frame's shape (a 3:2 landscape in 16:9 loses 16 % of its height) fills the frame;
        // one further off (4:3, portrait) is shown whole on the blurred fill rather than cut
        double fit = contain / cover >= FILL_WHEN_CROP_AT_MOST ? cover : contain;
        int fw = (int) Math.round(photo.getWidth() * fit);
        int fh = (int) Math.round(photo.getHeight() * fit);
        g.drawImage(scaled(photo, fw, fh), (pw - fw) / 2, (ph - fh) / 2, null);
        g.dispose();
        return plate;
    }

    /**
     * One set line of writing, how many words it holds (for reading time), its text, and whether it begins a line of
     * the writer's own (rather than continuing one wrapped to the card's width).
     */
    record Line(TextLayout layout, int words, String text, boolean startsWritersLine) {
    }

    /**
     * Writing set as cards: title on the first, the author on the last. Cards share a piece's time equally, so
     * the lines are spread evenly over as few cards as hold them: no card carries much more to read than another.
     */
    List<BufferedImage> textCards(String title, String author, List<String> paragraphs) {
        List<List<Line>> cards = layoutCards(paragraphs);
        Font heading = SANS_BOLD.deriveFont(h * 0.06f);
        float margin = w * 0.14f;
        float lineHeight = h * 0.075f;
        List<BufferedImage> images = new ArrayList<>();
        for (int i = 0; i < cards.size(); i++) {
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = graphics(img);
            g.setColor(PAPER);
            g.fillRect(0, 0, w, h);
            g.setColor(INK);
            float y = h * 0.2f;
            if (i == 0) {
                g.setFont(heading);
                String shownTitle = fit(g, heading, displayable(title), w - 2 * margin);
                TextLayout titleLayout = new TextLayout(withFallback(shownTitle, heading).getIterator(), g.getFontRenderContext());
                titleLayout.draw(g, titleLayout.isLeftToRight() ? margin : w - margin - titleLayout.getAdvance(), h * 0.14f);
                y = h * 0.27f;
            }
            for (Line set : cards.get(i)) {
                TextLayout line = set == null ? null : set.layout();
                if (line != null) {
                    float x = line.isLeftToRight() ? margin : w - margin - line.getAdvance();
                    line.draw(g, x, y);
                }
                y += lineHeight;
            }
            g.setFont(SERIF_ITALIC.deriveFont(h * 0.035f));
            g.setColor(new Color(0x6B, 0x5E, 0x52));
            String footer = displayable("— " + author + (cards.size() > 1 ? "   " + (i + 1) + "/" + cards.size() : ""));
            TextLayout footerLayout = new TextLayout(withFallback(footer, g.getFont()).getIterator(), g.getFontRenderContext());
            footerLayout.draw(g, w - margin - footerLayout.getAdvance(), h * 0.92f);
            g.dispose();
            images.add(img);
        }
        return images;
    }

    /** The words each text card holds, in order. */
    List<Integer> cardWords(List<String> paragraphs) {
        return layoutCards(paragraphs).stream()
                .map(card -> card.stream().filter(Objects::nonNull).mapToInt(Line::words).sum()).toList();
    }

    /**
     * What each text card says, in order, as the writer wrote it: a line wrapped to the card's width is joined again
     * with a space, the writer's own line breaks are kept, paragraphs are separated by a blank line.
     */
    List<String> cardTexts(List<String> paragraphs) {
        List<String> texts = new ArrayList<>();
        for (List<Line> card : layoutCards(paragraphs)) {
            StringBuilder text = new StringBuilder();
            boolean paragraphBreak = false;
            for (Line line : card) {
                if (line == null) {
                    paragraphBreak = true;
                    continue;
                }
                if (!text.isEmpty()) {
                    text.append(paragraphBreak ? "\n\n" : line.startsWritersLine() ? "\n" : " ");
                }
                text.append(line.text().strip());
                paragraphBreak = false;
            }
            texts.add(text.toString());
        }
        return texts;
    }

    private List<List<Line>> layoutCards(List<String> paragraphs) {
        Font body = bodyFont(h);
        float margin = w * 0.14f;
        int linesPerCard = Math.max(3, (int) ((h * 0.62f) / (h * 0.075f)));
        FontRenderContext frc = new FontRenderContext(null, true, true);
        List<List<Line>> set = new ArrayList<>();
        for (String paragraph : paragraphs) {
            List<Line> lines = new ArrayList<>();
            for (String hardLine : paragraph.split("\n")) {
                if (hardLine.isBlank()) {
                    continue;
                }
                String shown = displayable(hardLine);
                LineBreakMeasurer measurer = new LineBreakMeasurer(withFallback(shown, body).getIterator(), frc);
                while (measurer.getPosition() < shown.length()) {
                    int from = measurer.getPosition();
                    TextLayout layout = measurer.nextLayout(w - 2 * margin);
                    String text = shown.substring(from, measurer.getPosition());
                    lines.add(new Line(layout, words(text), text, from == 0));
                }
            }
            set.add(lines);
        }
        List<List<Line>> cards = pack(set, linesPerCard);
        // the fewest cards found, now as even as they can be: the smallest capacity that still needs no more cards
        for (int capacity = 3; cards.size() > 1 && capacity < linesPerCard; capacity++) {
            List<List<Line>> even = pack(set, capacity);
            if (even.size() <= cards.size()) {
                return even;
            }
        }
        return cards;
    }

    /** Fills cards of {@code capacity} lines; a paragraph that would not fit starts a new card; a blank line between paragraphs. */
    private static List<List<Line>> pack(List<List<Line>> paragraphs, int capacity) {
        List<List<Line>> cards = new ArrayList<>();
        List<Line> current = new ArrayList<>();
        for (List<Line> lines : paragraphs) {
            if (lines.isEmpty()) {
                continue;
            }
            if (!current.isEmpty() && current.size() + 1 + lines.size() > capacity) {
                cards.add(current);
                current = new ArrayList<>();
            }
            if (!current.isEmpty()) {
                current.add(null); // blank line between paragraphs
            }
            for (Line line : lines) {
                if (current.size() >= capacity) {
                    cards.add(current);
                    current = new ArrayList<>();
                }
                current.add(line);
            }
        }
        if (!current.isEmpty() || cards.isEmpty()) {
            cards.add(current);
        }
        return cards;
    }

    private static int words(String text) {
        int words = 0;
        for (String token : text.split("\\s+")) {
            if (token.codePoints().anyMatch(Character::isLetterOrDigit)) {
                words++;
            }
        }
        return words;
    }

    /**
     * Text as the bundled fonts can show it. Emoji DejaVu has (the emoticons block, hearts, suns) are drawn in its
     * monochrome style; any other character no bundled font has becomes a white square (U+25A1), so a reader sees
     * that something was there instead of an empty box or nothing. Invisible emoji joiners and skin-tone modifiers
     * are dropped.
     */
    static String displayable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp == 0x200D || (cp >= 0x1F3FB && cp <= 0x1F3FF) || cp == 0xFE0F || cp == 0xFE0E) {
                return;
            }
            out.appendCodePoint(SANS.canDisplay(cp) || SERIF.canDisplay(cp) || Character.isWhitespace(cp) ? cp : 0x25A1);
        });
        return out.toString();
    }

    /**
     * The text in {@code font}, with every run that font lacks (Hebrew and Arabic in the serif, emoji) set in DejaVu
     * Sans at the same size. Drawn through {@link TextLayout}, which orders right-to-left runs (Bidi) and joins Arabic
     * letters.
     */
    static AttributedString withFallback(String text, Font font) {
        AttributedString styled = new AttributedString(text);
        if (text.isEmpty()) {
            return styled;
        }
        styled.addAttribute(TextAttribute.FONT, font);
        Font fallback = SANS.deriveFont(font.getSize2D());
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (!font.canDisplay(cp) && !Character.isWhitespace(cp)) {
                styled.addAttribute(TextAttribute.FONT, fallback, i, next);
            }
            i = next;
        }
        return styled;
    }

    /** The font each character of a line is set in, as {@link #withFallback} chooses it (for tests). */
    static List<Font> fontsFor(String text, Font font) {
        List<Font> fonts = new ArrayList<>();
        var it = withFallback(text, font).getIterator();
        for (char c = it.first(); c != CharacterIterator.DONE; c = it.next()) {
            fonts.add((Font) it.getAttribute(TextAttribute.FONT));
        }
        return fonts;
    }

    static Font bodyFont(int height) {
        return SERIF.deriveFont(height * 0.05f);
    }

    /** The picture for a sound-only piece: a warm gradient with who and what; the waveform is drawn by FFmpeg below. */
    BufferedImage soundBackground(Credit credit) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(img);
        int hue = Math.floorMod(credit.contributor().hashCode(), 360);
        Color top = Color.getHSBColor(hue / 360f, 0.45f, 0.35f);
        Color bottom = Color.getHSBColor(((hue + 40) % 360) / 360f, 0.55f, 0.12f);
        g.setPaint(new GradientPaint(0, 0, top, 0, h, bottom));
        g.fillRect(0, 0, w, h);
        g.setColor(ACCENT);
        g.setFont(SANS.deriveFont(h * 0.035f));
        centered(g, credit.categoryLabel().toUpperCase(Locale.ROOT), h * 0.2f);
        g.setColor(Color.WHITE);
        Font titleFont = SERIF.deriveFont(h * 0.075f);
        g.setFont(titleFont);
        centered(g, fit(g, titleFont, credit.title(), w * 0.86f), h * 0.34f);
        g.setFont(SANS.deriveFont(h * 0.045f));
        g.setColor(new Color(235, 228, 215));
        centered(g, credit.contributor() + (blank(credit.location()) ? "" : ", " + credit.location()), h * 0.45f);
        g.dispose();
        return img;
    }

    /** The opening title. */
    BufferedImage titleCard(String title, String subtitle, String line) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(img);
        g.setPaint(new GradientPaint(0, 0, new Color(0x2B, 0x1E, 0x3A), w, h, new Color(0x10, 0x2A, 0x36)));
        g.fillRect(0, 0, w, h);
        g.setColor(ACCENT);
        g.fillRect((int) (w * 0.42), (int) (h * 0.56), (int) (w * 0.16), Math.max(2, (int) (h * 0.006)));
        g.setColor(Color.WHITE);
        Font big = SANS_BOLD.deriveFont(h * 0.11f);
        g.setFont(big);
        centered(g, fit(g, big, title, w * 0.9f), h * 0.47f);
        g.setFont(SANS.deriveFont(h * 0.045f));
        centered(g, subtitle, h * 0.66f);
        g.setColor(new Color(0xD8, 0xCF, 0xC4));
        g.setFont(SERIF_ITALIC.deriveFont(h * 0.038f));
        centered(g, line, h * 0.75f);
        g.dispose();
        return img;
    }

    /** A tall plate for rolling credits: one blank screen, the names, then the show title held on the last screen. */
    BufferedImage creditsRoll(String title, List<String[]> names) {
        float row = h * 0.085f;
        int height = even(h + h * 0.25 + names.size() * row + h * 1.0);
        BufferedImage img = new BufferedImage(w, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(img);
        g.setPaint(new GradientPaint(0, 0, new Color(0x10, 0x2A, 0x36), 0, height, new Color(0x2B, 0x1E, 0x3A)));
        g.fillRect(0, 0, w, height);
        float y = h * 0.55f;
        g.setColor(ACCENT);
        g.setFont(SANS.deriveFont(h * 0.04f));
        centered(g, "THIS WEEK'S EPISODE WAS MADE BY", y);
        y += h * 0.12f;
        for (String[] entry : names) {
            g.setColor(Color.WHITE);
            g.setFont(SANS_BOLD.deriveFont(h * 0.045f));
            centered(g, entry[0], y);
            g.setColor(new Color(0xCF, 0xC6, 0xBA));
            g.setFont(SANS.deriveFont(h * 0.028f));
            centered(g, entry[1], y + h * 0.035f);
            y += row;
        }
        g.setColor(Color.WHITE);
        Font big = SANS_BOLD.deriveFont(h * 0.08f);
        g.setFont(big);
        centered(g, fit(g, big, title, w * 0.9f), height - h * 0.5f);
        g.setColor(new Color(0xD8, 0xCF, 0xC4));
        g.setFont(SERIF_ITALIC.deriveFont(h * 0.035f));
        centered(g, "Made together. See you next week.", height - h * 0.38f);
        g.dispose();
        return img;
    }

    /** Loads an image and turns it upright according to its EXIF orientation. */
    static BufferedImage uprightImage(Path file, long maxPixels) throws IOException {
        Dimensions d = dimensions(file);
        if ((long) d.width() * d.height() > maxPixels) {
            throw new IOException("the image declares " + d.width() + "x" + d.height() + " pixels, more than the "
                    + maxPixels / 1_000_000 + " megapixels Ensemble decodes");
        }
        BufferedImage img = ImageIO.read(file.toFile());
        if (img == null) {
            throw new IOException("no image decoder could read it");
        }
        return orient(img, ExifOrientation.read(file));
    }

    /** Whether one of Java's image readers takes this file. */
    static boolean javaReads(Path file) throws IOException {
        try (var in = ImageIO.createImageInputStream(file.toFile())) {
            return in != null && ImageIO.getImageReaders(in).hasNext();
        }
    }

    record Dimensions(int width, int height) {
    }

    /** Reads the declared size from the header, before any pixel is decoded. */
    static Dimensions dimensions(Path file) throws IOException {
        try (var in = ImageIO.createImageInputStream(file.toFile())) {
            var readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException("not an image format Ensemble can read");
            }
            var reader = readers.next();
            try {
                reader.setInput(in);
                return new Dimensions(reader.getWidth(0), reader.getHeight(0));
            } finally {
                reader.dispose();
            }
        }
    }

    static BufferedImage orient(BufferedImage img, int orientation) {
        int iw = img.getWidth();
        int ih = img.getHeight();
        AffineTransform t = new AffineTransform();
        boolean swap = orientation >= 5;
        switch (orientation) {
            case 2 -> { t.translate(iw, 0); t.scale(-1, 1); }
            case 3 -> { t.translate(iw, ih); t.rotate(Math.PI); }
            case 4 -> { t.translate(0, ih); t.scale(1, -1); }
            case 5 -> { t.rotate(Math.PI / 2); t.scale(1, -1); }
            case 6 -> { t.translate(ih, 0); t.rotate(Math.PI / 2); }
            case 7 -> { t.scale(-1, 1); t.translate(-ih, 0); t.translate(0, iw); t.rotate(3 * Math.PI / 2); }
            case 8 -> { t.translate(0, iw); t.rotate(3 * Math.PI / 2); }
            default -> { return toRgb(img); }
        }
        BufferedImage out = new BufferedImage(swap ? ih : iw, swap ? iw : ih, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(toRgb(img), new AffineTransformOp(t, AffineTransformOp.TYPE_BILINEAR), 0, 0);
        g.dispose();
        return out;
    }

    /**
     * Flattens to opaque RGB. Transparent parts of a picture (a PNG logo, a cut-out) land on the house paper colour,
     * a defined background, rather than on whatever the transparent pixels happen to hold.
     */
    static BufferedImage toRgb(BufferedImage img) {
        if (img.getType() == BufferedImage.TYPE_INT_RGB) {
            return img;
        }
        BufferedImage rgb = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        g.setColor(PAPER);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setComposite(AlphaComposite.SrcOver);
        g.drawImage(img, 0, 0, null);
        g.dispose();
        return rgb;
    }

    private static BufferedImage scaled(BufferedImage src, int tw, int th) {
        BufferedImage current = src;
        int cw = src.getWidth();
        int ch = src.getHeight();
        // halve step by step for a clean downscale, then one bicubic step to the exact size
        while (cw / 2 >= tw && ch / 2 >= th) {
            cw /= 2;
            ch /= 2;
            current = draw(current, cw, ch);
        }
        return draw(current, Math.max(1, tw), Math.max(1, th));
    }

    private static BufferedImage draw(BufferedImage src, int tw, int th) {
        BufferedImage out = new BufferedImage(tw, th, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(out);
        g.drawImage(src, 0, 0, tw, th, null);
        g.dispose();
        return out;
    }

    private static Graphics2D graphics(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        return g;
    }

    private void centered(Graphics2D g, String text, float baseline) {
        g.drawString(text, (w - width(g, g.getFont(), text)) / 2f, baseline);
    }

    private static float width(Graphics2D g, Font font, String text) {
        return (float) font.getStringBounds(text, g.getFontRenderContext()).getWidth();
    }

    private static String fit(Graphics2D g, Font font, String text, float max) {
        if (width(g, font, text) <= max) {
            return text;
        }
        String t = text;
        while (t.length() > 1 && width(g, font, t + "…") > max) {
            t = t.substring(0, t.length() - 1);
        }
        return t.strip() + "…";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static int even(double value) {
        return Math.max(2, (int) Math.round(value / 2) * 2);
    }

    static void write(BufferedImage img, Path file) {
        try {
            if (!ImageIO.write(img, "png", file.toFile())) {
                throw new IOException("no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private static Font font(String name) {
        try (InputStream in = Painter.class.getResourceAsStream("/fonts/" + name)) {
            if (in == null) {
                throw new IllegalStateException("Bundled font " + name + " is missing");
            }
            return Font.createFont(Font.TRUETYPE_FONT, in);
        } catch (IOException | FontFormatException e) {
            throw new IllegalStateException("Cannot load bundled font " + name, e);
        }
    }

    HouseProfile profile() {
        return profile;
    }
}

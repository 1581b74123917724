package org.ensemble.publish;

import java.awt.image.BufferedImage;

/**
 * How good a frame is as a thumbnail: its sharpness (variance of the Laplacian of the grey picture, which is low for
 * blur, flat cards and fades) and whether it is neither too dark nor washed out.
 */
record Sharpness(double laplacianVariance, double meanLuma) {

    static final double DARKEST = 40;
    static final double BRIGHTEST = 220;

    static Sharpness of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        double[][] grey = new double[h][w];
        double sum = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = image.getRGB(x, y);
                double luma = 0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
                grey[y][x] = luma;
                sum += luma;
            }
        }
        double lapSum = 0;
        double lapSq = 0;
        long n = 0;
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                double lap = grey[y - 1][x] + grey[y + 1][x] + grey[y][x - 1] + grey[y][x + 1] - 4 * grey[y][x];
                lapSum += lap;
                lapSq += lap * lap;
                n++;
            }
        }
        double variance = n == 0 ? 0 : lapSq / n - (lapSum / n) * (lapSum / n);
        return new Sharpness(variance, sum / Math.max(1, (long) w * h));
    }

    /** Sharpness, scaled down hard for frames too dark or too bright to read as a picture. */
    double score() {
        boolean exposed = meanLuma >= DARKEST && meanLuma <= BRIGHTEST;
        return exposed ? laplacianVariance : laplacianVariance / 100;
    }
}

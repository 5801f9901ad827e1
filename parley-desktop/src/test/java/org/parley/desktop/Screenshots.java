package org.parley.desktop;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/**
 * Writes scene snapshots as PNG into docs/images, only when {@code -Dparley.screenshots=true}, so
 * ordinary test runs never modify the tree. No javafx-swing: pixels are copied into a
 * {@link BufferedImage} and written with ImageIO.
 */
final class Screenshots {
    private Screenshots() {
    }

    static boolean enabled() {
        return Boolean.getBoolean("parley.screenshots");
    }

    /** Snapshots {@code scene} (FX thread) and writes {@code name}.png. */
    static void take(Scene scene, String name) throws IOException {
        if (!enabled()) {
            return;
        }
        WritableImage image = scene.snapshot(null);
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                out.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        Path directory = Path.of(System.getProperty("parley.project.root", "..")).resolve("docs/images");
        Files.createDirectories(directory);
        ImageIO.write(out, "png", directory.resolve(name + ".png").toFile());
    }
}

package org.parley.desktop.e2ee;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.ReaderException;
import com.google.zxing.Result;
import com.google.zxing.ResultMetadataType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import org.parley.crypto.Bytes;

/**
 * The QR code of a safety number: the 65-byte payload of docs/E2EE.md section 13 in one QR byte
 * segment (each byte one ISO-8859-1 character, so ZXing's byte mode carries it unchanged),
 * error correction level M, a quiet zone of four modules. Encoding is ZXing's; this class only
 * paints the modules.
 */
public final class SafetyQr {
    /** The payload is 65 bytes; anything bigger is not a safety number. */
    public static final int MAX_PAYLOAD_BYTES = 65;
    private static final Map<EncodeHintType, Object> HINTS = Map.of(
            EncodeHintType.CHARACTER_SET, StandardCharsets.ISO_8859_1.name(),
            EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
            EncodeHintType.MARGIN, 4);

    private SafetyQr() {
    }

    /** Images larger than this (pixels) are refused before their pixels are read. */
    public static final int MAX_IMAGE_PIXELS = 4096 * 4096;

    /** The modules of the QR code holding {@code payload}. */
    public static BitMatrix encode(Bytes payload) {
        if (payload.length() == 0 || payload.length() > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("a safety-number payload is 1.." + MAX_PAYLOAD_BYTES + " bytes");
        }
        String latin1 = new String(payload.toByteArray(), StandardCharsets.ISO_8859_1);
        try {
            // Size 0 asks for the natural size: one pixel per module, scaled when painted.
            return new QRCodeWriter().encode(latin1, BarcodeFormat.QR_CODE, 0, 0, HINTS);
        } catch (WriterException e) {
            throw new IllegalStateException("a 65-byte payload always fits a QR code", e);
        }
    }

    /** The QR code as an image, {@code scale} pixels per module, black on white. */
    public static WritableImage image(Bytes payload, int scale) {
        BitMatrix modules = encode(payload);
        WritableImage image = new WritableImage(modules.getWidth() * scale, modules.getHeight() * scale);
        PixelWriter pixels = image.getPixelWriter();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                pixels.setColor(x, y, modules.get(x / scale, y / scale) ? Color.BLACK : Color.WHITE);
            }
        }
        return image;
    }

    /**
     * The payload of the QR code in {@code image} (a saved or photographed safety-number code), read
     * with ZXing's QR reader; empty when the image holds no readable QR code or is too large.
     */
    public static Optional<Bytes> read(Image image) {
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        PixelReader pixels = image.getPixelReader();
        if (pixels == null || width <= 0 || height <= 0 || (long) width * height > MAX_IMAGE_PIXELS) {
            return Optional.empty();
        }
        int[] argb = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                argb[y * width + x] = pixels.getArgb(x, y);
            }
        }
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(width, height, argb)));
        Optional<Result> result = decode(bitmap, false).or(() -> decode(bitmap, true));
        return result.map(SafetyQr::payloadOf).filter(p -> p.length() <= MAX_PAYLOAD_BYTES);
    }

    /**
     * One attempt of ZXing's QR reader. The searching reader (finder patterns anywhere, for photos)
     * misses a few payloads whose modules look like extra finder patterns; a saved or screenshotted
     * code is nothing but the code on its white margin, which the pure-barcode reader takes without
     * searching, so it is the second attempt.
     */
    private static Optional<Result> decode(BinaryBitmap bitmap, boolean pure) {
        Map<DecodeHintType, Object> hints = pure
                ? Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE,
                        DecodeHintType.CHARACTER_SET, StandardCharsets.ISO_8859_1.name())
                : Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE,
                        DecodeHintType.CHARACTER_SET, StandardCharsets.ISO_8859_1.name());
        try {
            return Optional.of(new QRCodeReader().decode(bitmap, hints));
        } catch (ReaderException e) {
            return Optional.empty();
        }
    }

    /** The raw bytes of the code's byte segments (not its text, which a reader may have re-decoded). */
    private static Bytes payloadOf(Result result) {
        Object segments = result.getResultMetadata() == null ? null
                : result.getResultMetadata().get(ResultMetadataType.BYTE_SEGMENTS);
        if (!(segments instanceof List<?> list) || list.isEmpty()) {
            return Bytes.wrapOwned(result.getText().getBytes(StandardCharsets.ISO_8859_1));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object segment : list) {
            if (segment instanceof byte[] bytes) {
                out.writeBytes(bytes);
            }
        }
        return Bytes.wrapOwned(out.toByteArray());
    }
}

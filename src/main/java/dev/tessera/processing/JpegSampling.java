package dev.tessera.processing;

import dev.tessera.image.SourceImage;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A JPEG's chroma subsampling, read from its frame header (SOFn): how many pixels share one sample of its most
 * subsampled component. libvips says only "4:4:4" or "4:2:0" (4:2:2 reads as 4:2:0), and a progressive decode holds
 * every component's coefficients, so the estimate needs the real factors.
 */
final class JpegSampling {
    /** Marker segments before the frame header are skipped up to this many bytes (EXIF, ICC, XMP). */
    private static final long MAX_SCAN = 4L << 20;

    private JpegSampling() {}

    /** Pixels per sample of the most subsampled component: 1, 2, 4...; 0 when the frame header can't be read. */
    static int chromaSubsampling(SourceImage source) {
        try (InputStream raw = source.openStream();
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 8192))) {
            return read(in);
        } catch (IOException e) { // truncated before the frame header, or unreadable
            return 0;
        }
    }

    private static int read(DataInputStream in) throws IOException {
        if (in.readUnsignedShort() != 0xFFD8) return 0;
        long scanned = 2;
        while (scanned < MAX_SCAN) {
            int b = in.readUnsignedByte();
            if (b != 0xFF) return 0;
            int marker = in.readUnsignedByte();
            while (marker == 0xFF) marker = in.readUnsignedByte(); // fill bytes
            if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) continue; // no length
            if (marker == 0xDA || marker == 0xD9) return 0; // scan data or end before any frame header
            int length = in.readUnsignedShort();
            if (length < 2) return 0;
            if (isFrameHeader(marker)) return frame(in);
            skip(in, length - 2);
            scanned += length + 2;
        }
        return 0;
    }

    /** SOF0-3, 5-7, 9-11, 13-15 (not DHT C4, JPG C8, DAC CC). */
    private static boolean isFrameHeader(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    private static int frame(DataInputStream in) throws IOException {
        skip(in, 5); // precision, height, width
        int components = in.readUnsignedByte();
        if (components == 0) return 0;
        int[] samples = new int[components];
        int hMax = 1, vMax = 1;
        for (int i = 0; i < components; i++) {
            in.readUnsignedByte(); // component id
            int hv = in.readUnsignedByte();
            int h = Math.max(1, hv >> 4), v = Math.max(1, hv & 0x0F);
            hMax = Math.max(hMax, h);
            vMax = Math.max(vMax, v);
            samples[i] = h * v;
            in.readUnsignedByte(); // quantisation table
        }
        int most = 1;
        for (int s : samples) most = Math.max(most, (hMax * vMax) / s);
        return most;
    }

    private static void skip(DataInputStream in, long n) throws IOException {
        while (n > 0) {
            long skipped = in.skip(n);
            if (skipped <= 0) {
                in.readUnsignedByte(); // at the end: throws EOFException
                skipped = 1;
            }
            n -= skipped;
        }
    }
}

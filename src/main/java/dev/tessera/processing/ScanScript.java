package dev.tessera.processing;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What a progressive JPEG's scans send: whether they bring every coefficient of every component to full precision
 * (the last scan of each with Al = 0). libjpeg smooths the blocks of a progressive image whose low coefficients are
 * not fully refined (block smoothing, never done for baseline), so only such a complete image decodes to the same
 * pixels as its baseline copy: a scan script without the AC refinement differs by up to 12 levels (measured).
 */
final class ScanScript {
    private static final int SOI = 0xd8, EOI = 0xd9, SOS = 0xda, SOF2 = 0xc2;

    private ScanScript() {}

    /** True for a progressive Huffman JPEG whose scans, read to its end marker, send every coefficient in full. */
    static boolean complete(Path jpeg) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(jpeg), 1 << 16)) {
            return complete(in);
        } catch (EOFException e) {
            return false;
        }
    }

    private static boolean complete(InputStream in) throws IOException {
        if (in.read() != 0xff || in.read() != SOI) return false;
        int[] ids = null;
        int[][] precision = null; // per component and coefficient: the last scan's Al, -1 before any scan
        int marker = nextMarker(in);
        while (marker != EOI) {
            int length = length(in);
            byte[] segment = in.readNBytes(length);
            if (segment.length < length) throw new EOFException();
            if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc) {
                if (marker != SOF2 || ids != null) return false; // baseline, lossless, arithmetic, or two frames
                ids = new int[segment[5] & 0xff];
                precision = new int[ids.length][64];
                for (int c = 0; c < ids.length; c++) {
                    ids[c] = segment[6 + 3 * c] & 0xff;
                    Arrays.fill(precision[c], -1);
                }
            }
            if (marker == SOS) {
                if (ids == null || !scan(segment, ids, precision)) return false;
                marker = afterEntropyData(in);
            } else {
                marker = nextMarker(in);
            }
        }
        if (precision == null) return false;
        for (int[] component : precision) {
            for (int al : component) if (al != 0) return false;
        }
        return true;
    }

    /** Records what one scan header sends: components, spectral band Ss..Se, successive approximation Al. */
    private static boolean scan(byte[] s, int[] ids, int[][] precision) {
        int n = s[0] & 0xff;
        int ss = s[1 + 2 * n] & 0xff, se = s[2 + 2 * n] & 0xff, al = s[3 + 2 * n] & 0x0f;
        if (se > 63 || ss > se) return false;
        for (int i = 0; i < n; i++) {
            int c = indexOf(ids, s[1 + 2 * i] & 0xff);
            if (c < 0) return false;
            for (int k = ss; k <= se; k++) precision[c][k] = al;
        }
        return true;
    }

    private static int indexOf(int[] ids, int id) {
        for (int i = 0; i < ids.length; i++) if (ids[i] == id) return i;
        return -1;
    }

    private static int length(InputStream in) throws IOException {
        int length = (read(in) << 8 | read(in)) - 2;
        if (length < 0) throw new EOFException();
        return length;
    }

    /** The next marker code, skipping fill bytes. */
    private static int nextMarker(InputStream in) throws IOException {
        if (read(in) != 0xff) throw new EOFException(); // not a marker where one must be: malformed
        int b;
        while ((b = read(in)) == 0xff) { /* fill */ }
        return b;
    }

    /** Skips a scan's entropy-coded data (stuffed FF 00 and restart markers in it); returns the marker after it. */
    private static int afterEntropyData(InputStream in) throws IOException {
        while (true) {
            if (read(in) != 0xff) continue;
            int b;
            while ((b = read(in)) == 0xff) { /* fill */ }
            if (b != 0 && (b < 0xd0 || b > 0xd7)) return b;
        }
    }

    private static int read(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) throw new EOFException();
        return b;
    }
}

// Engine peer: Thumbnailator (pure Java, ImageIO), an in-process loop like bench/engine's Tessera side.
// Usage: java -cp bench/.peers/java/thumbnailator-*.jar ThumbnailatorBench.java FMT RUNS WARMUP OUTDIR PHOTO...
// Each photo is read into memory once, then decoded, resized to 300 px wide and encoded as JPEG q80
// WARMUP times untimed and RUNS times timed. Prints "photo<TAB>fmt<TAB>median ms<TAB>output bytes" per photo.
// ImageIO has no WebP encoder, so FMT webp prints nothing: bench/run reports it as not supported.
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import net.coobird.thumbnailator.Thumbnails;

public class ThumbnailatorBench {
    public static void main(String[] args) throws IOException {
        String fmt = args[0];
        int runs = Integer.parseInt(args[1]), warmup = Integer.parseInt(args[2]);
        Path outDir = Path.of(args[3]);
        if (!fmt.equals("jpeg")) return;
        for (String photo : Arrays.copyOfRange(args, 4, args.length)) {
            Path file = Path.of(photo);
            byte[] input = Files.readAllBytes(file);
            for (int i = 0; i < warmup; i++) render(input);
            double[] ms = new double[runs];
            byte[] out = null;
            for (int i = 0; i < runs; i++) {
                long t = System.nanoTime();
                out = render(input);
                ms[i] = (System.nanoTime() - t) / 1e6;
            }
            Arrays.sort(ms);
            String name = file.getFileName().toString();
            Files.write(outDir.resolve(name + "." + fmt), out);
            System.out.printf("%s\t%s\t%.2f\t%d%n", name, fmt, ms[runs / 2], out.length);
        }
    }

    static byte[] render(byte[] input) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thumbnails.of(new ByteArrayInputStream(input)).width(300).outputFormat("jpg").outputQuality(0.8f)
                .toOutputStream(out);
        return out.toByteArray();
    }
}

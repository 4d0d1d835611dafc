// Shrink-on-load quality survey (issue 17 item 1): for each JPEG and target width, the PSNR of a render decoded
// at 1/2, 1/4, 1/8 (then lanczos3, gap 0) against the exact render (full decode, lanczos3, gap 0), with the factor
// left to the kernel and the source's compressed bits per pixel. One CSV line per case, on stdout.
// Run: ./tessera bench shrink FILE... [--widths 150,300,...]   (not a timing: no quiet lock needed)
import dev.tessera.vips.Vips;
import dev.tessera.vips.VipsImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

public class ShrinkSurvey {
    public static void main(String[] args) throws Exception {
        List<Path> files = new ArrayList<>();
        int[] widths = {150, 200, 300, 400, 430, 490, 512, 640, 800, 1000, 1069, 1100, 1199, 1500, 2000};
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--widths")) {
                String[] ws = args[++i].split(",");
                widths = new int[ws.length];
                for (int j = 0; j < ws.length; j++) widths[j] = Integer.parseInt(ws[j]);
            } else files.add(Path.of(args[i]));
        }
        Vips.init();
        System.out.println("file,width,height,bpp,tw,th,reduction,shrink,left,psnr");
        for (Path file : files) {
            byte[] b = Files.readAllBytes(file);
            int w, h;
            try (VipsImage in = Vips.operation("jpegload_buffer").set("buffer", b).image()) { w = in.width(); h = in.height(); }
            double bpp = 8.0 * b.length / ((double) w * h);
            for (int tw : widths) {
                int th = (int) Math.round((double) h * tw / w);
                if (tw * 2 > w || th < 1) continue;
                try (VipsImage ref = pixels(b, 1, tw, th)) {
                    for (int s = 2; s <= 8 && (double) w / s >= tw; s *= 2) {
                        double psnr = psnr(ref, pixels(b, s, tw, th));
                        System.out.printf("%s,%d,%d,%.3f,%d,%d,%.3f,%d,%.3f,%.2f%n", file.getFileName(), w, h, bpp, tw, th,
                                (double) w / tw, s, (double) w / s / tw, psnr);
                    }
                }
            }
        }
    }

    static VipsImage pixels(byte[] b, int shrink, int tw, int th) {
        try (VipsImage in = Vips.operation("jpegload_buffer").set("buffer", b).set("shrink", shrink).image();
             VipsImage out = Vips.operation("resize").set("in", in).set("scale", (double) tw / in.width())
                     .set("vscale", (double) th / in.height()).set("kernel", "lanczos3").set("gap", 0.0).image()) {
            return out.copyMemory();
        }
    }

    static double psnr(VipsImage x, VipsImage y) {
        try (y; var d = Vips.operation("subtract").set("left", x).set("right", y).image();
             var sq = Vips.operation("multiply").set("left", d).set("right", d).image()) {
            double mse = Vips.operation("avg").set("in", sq).doubleValue("out");
            return 10 * Math.log10(255.0 * 255.0 / Math.max(mse, 1e-9));
        }
    }
}

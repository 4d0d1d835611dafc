package dev.tessera.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeftoverSweeperTest {
    @TempDir Path dir;

    @Test
    void removesOnlyFilesOlderThanTheSafeAge() throws IOException {
        Path spool = Files.createDirectories(dir.resolve(".spool"));
        Path temp = Files.createDirectories(dir.resolve(".tmp"));
        Path upload = Files.write(spool.resolve("upload-1.part"), new byte[10]);
        Path put = Files.write(temp.resolve("x.part"), new byte[10]);
        Path keep = Files.createDirectories(spool.resolve("sub"));
        Instant written = Files.getLastModifiedTime(upload).toInstant();

        LeftoverSweeper now = new LeftoverSweeper(List.of(spool, temp, dir.resolve("absent")),
                Clock.fixed(written.plusSeconds(60), ZoneOffset.UTC));
        assertThat(now.sweep()).isZero();
        assertThat(upload).exists();

        Instant later = written.plus(LeftoverSweeper.SAFE_AGE).plus(Duration.ofMinutes(1));
        LeftoverSweeper afterAnHour = new LeftoverSweeper(List.of(spool, temp), Clock.fixed(later, ZoneOffset.UTC));
        assertThat(afterAnHour.sweep()).isEqualTo(2);
        assertThat(upload).doesNotExist();
        assertThat(put).doesNotExist();
        assertThat(keep).isDirectory();
    }
}

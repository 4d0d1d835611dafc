package dev.tessera.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.image.ImageFormat;
import dev.tessera.image.ImageHeader;
import dev.tessera.image.ImageInfo;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Metadata records of originals: what is written reads back, and records written by older builds still read. */
class MetaRecordsTest {
    private static final String ID = "ab".repeat(32);

    @Test
    void aHeaderWithItsChromaSubsamplingReadsBack() throws Exception {
        ImageHeader header = new ImageHeader(ImageFormat.JPEG, 5312, 2988, 1, false, 1, true, 3, 8, 4);
        byte[] json = new ObjectMapper().writeValueAsBytes(new ImageInfo(ID, 4_000_000, header, "t"));
        assertThat(MetaRecords.parse(ID, json)).map(ImageInfo::header).contains(header);
    }

    @Test
    void aRecordWrittenBeforeChromaSubsamplingWasRecordedReadsAsNotKnown() throws Exception {
        ImageHeader header = new ImageHeader(ImageFormat.JPEG, 5312, 2988, 1, false, 1, true, 3, 8, 4);
        String json = new ObjectMapper().writeValueAsString(new ImageInfo(ID, 4_000_000, header, "t"));
        String old = json.replace(",\"chromaSubsampling\":4", "");
        assertThat(old).isNotEqualTo(json).doesNotContain("chroma");
        ImageHeader read = MetaRecords.parse(ID, old.getBytes(StandardCharsets.UTF_8)).orElseThrow().header();
        assertThat(read).isEqualTo(new ImageHeader(ImageFormat.JPEG, 5312, 2988, 1, false, 1, true, 3, 8, 0));
    }
}

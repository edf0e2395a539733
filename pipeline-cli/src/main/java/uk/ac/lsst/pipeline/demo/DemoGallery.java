package uk.ac.lsst.pipeline.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import uk.ac.lsst.pipeline.buffer.TopicReader;
import uk.ac.lsst.pipeline.stage.JsonSerde;
import uk.ac.lsst.pipeline.thumbnails.ThumbnailRecord;
import uk.ac.lsst.pipeline.thumbnails.gallery.Gallery;
import uk.ac.lsst.pipeline.thumbnails.render.RenderOptions;

/** Writes the thumbnail gallery of a demo run from the records thumbnail-service published. */
final class DemoGallery {
    private DemoGallery() {
    }

    /** @return the gallery page, {@code dir/index.html} */
    static Path write(Map<String, Object> clientProperties, String topic, Path dir) throws IOException {
        List<ThumbnailRecord> records = TopicReader.readAll(clientProperties, List.of(topic), Duration.ofSeconds(60))
                .stream()
                .map(r -> JsonSerde.read(r.value(), ThumbnailRecord.class)).toList();
        return Gallery.writeIndex(dir, records, RenderOptions.defaults());
    }
}

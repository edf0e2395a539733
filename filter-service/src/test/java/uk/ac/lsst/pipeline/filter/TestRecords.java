package uk.ac.lsst.pipeline.filter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import uk.ac.lsst.pipeline.filter.record.AnnotatedRecord;
import uk.ac.lsst.pipeline.filter.record.AnnotatedRecordException;
import uk.ac.lsst.pipeline.filter.record.AnnotatedRecordReader;

/** Hand-made annotated records for tests: a ZTF supernova candidate that each test edits. */
public final class TestRecords {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private TestRecords() {
    }

    /**
     * A ZTF r-band detection at 18.7 mag, SN class, a galaxy match 0.8" away, one watch-list hit, 3 detections (2 in
     * r, 1 in g), brightening 0.6 mag/day, a two-point history.
     */
    public static ObjectNode supernovaCandidate() {
        ObjectNode r = MAPPER.createObjectNode();
        r.put("survey", "ZTF");
        r.put("alertId", 2_650_123_456_789_015_001L);
        r.put("alertIdString", "2650123456789015001");
        r.put("objectId", "ZTF24abcdefg");
        r.putNull("objectIdNumber");
        r.put("raDeg", 150.125);
        r.put("decDeg", 2.25);
        r.put("mjd", 60500.25);
        r.put("band", "r");
        r.put("magnitude", 18.7);
        r.put("magnitudeErr", 0.05);
        r.putNull("fluxNJy");
        r.putNull("fluxErrNJy");
        r.put("positive", true);
        r.put("reliability", 0.93);
        r.put("classification", "SN");
        ArrayNode matches = r.putArray("matches");
        ObjectNode galaxy = matches.addObject();
        galaxy.put("catalogue", "legacy-survey");
        galaxy.put("sourceId", "LS-123");
        galaxy.put("separationArcsec", 0.8);
        galaxy.put("type", "galaxy");
        galaxy.put("raDeg", 150.12505);
        galaxy.put("decDeg", 2.2501);
        ObjectNode columns = galaxy.putObject("columns");
        columns.put("photoZ", 0.05);
        columns.put("morphology", "SER");
        columns.putNull("specZ");
        ArrayNode watchlists = r.putArray("watchlists");
        ObjectNode hit = watchlists.addObject();
        hit.put("listId", "tde-hosts");
        hit.put("listName", "TDE host galaxies");
        hit.put("sourceName", "NGC 1234");
        hit.put("separationArcsec", 1.5);
        ObjectNode f = r.putObject("features");
        f.put("nDetections", 3);
        f.put("nPositive", 3);
        f.put("nDetections7d", 3);
        f.put("nDetections14d", 3);
        f.put("firstMjd", 60498.2);
        f.put("lastMjd", 60500.25);
        f.put("daysSinceFirstDetection", 2.05);
        f.put("colourGR", -0.1);
        f.put("rateSincePrevious", -0.6);
        f.put("rateSincePeak", 0.0);
        f.put("peakMagnitude", 18.7);
        ObjectNode band = f.putObject("r");
        band.put("nDetections", 2);
        band.put("nPositive", 2);
        band.put("nDetections7d", 2);
        band.put("nDetections14d", 2);
        band.put("firstMjd", 60499.2);
        band.put("lastMjd", 60500.25);
        band.put("latestMagnitude", 18.7);
        band.putNull("latestFluxNJy");
        band.put("peakMagnitude", 18.7);
        band.put("peakMjd", 60500.25);
        band.put("rateSincePrevious", -0.6);
        band.put("rateSincePeak", 0.0);
        ObjectNode g = f.putObject("g");
        g.put("nDetections", 1);
        g.put("nPositive", 1);
        g.put("latestMagnitude", 18.6);
        r.put("appendedAtMs", 1_720_000_000_000L);
        r.put("producedAtMs", 1_720_000_001_000L);
        ArrayNode history = r.putArray("history");
        ObjectNode point = history.addObject();
        point.put("mjd", 60499.2);
        point.put("band", "r");
        point.put("magnitude", 19.3);
        point.put("kind", "detection");
        return r;
    }

    public static byte[] bytes(ObjectNode json) {
        try {
            return MAPPER.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static AnnotatedRecord read(ObjectNode json) {
        try {
            return AnnotatedRecordReader.read(bytes(json));
        } catch (AnnotatedRecordException e) {
            throw new IllegalStateException(e);
        }
    }
}

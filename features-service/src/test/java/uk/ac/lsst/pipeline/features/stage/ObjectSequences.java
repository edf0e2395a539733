package uk.ac.lsst.pipeline.features.stage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import uk.ac.lsst.pipeline.alert.Alert;
import uk.ac.lsst.pipeline.features.FeatureCalculator;
import uk.ac.lsst.pipeline.features.FeatureUpdate;
import uk.ac.lsst.pipeline.features.ObjectFeatures;
import uk.ac.lsst.pipeline.features.state.FeatureState;

/**
 * Several alerts of one object, derived from one real ZTF alert (schema 3.x or 4.x) the way
 * {@code FeatureSequenceTest} replays a history: one alert per detection of the object, in time order, each made
 * from the real file with its {@code candidate} taken from that detection's {@code prv_candidates} entry (every
 * field the two records share) and carrying the history of the {@code historyDays} before it. The last alert is
 * the file's own detection. A history shorter than ZTF's 30 days makes the features of the later alerts depend on
 * what the stage kept of the earlier ones.
 */
final class ObjectSequences {
    private static final String PREVIOUS = "prv_candidates";
    private static final String FORCED = "fp_hists";

    private ObjectSequences() {
    }

    /** The upstream (OCF) alerts of the sequence, oldest first. */
    static List<byte[]> fromHistory(byte[] ztfOcf, double historyDays) {
        GenericRecord original = StageAlerts.readOcf(ztfOcf);
        List<GenericRecord> detections = new ArrayList<>();
        for (GenericRecord entry : entries(original, PREVIOUS)) {
            if (entry.get("candid") != null) {
                detections.add(entry);
            }
        }
        detections.sort(Comparator.comparingDouble(ObjectSequences::jd));
        List<byte[]> alerts = new ArrayList<>();
        for (GenericRecord detection : detections) {
            alerts.add(alertAt(ztfOcf, detection, historyDays));
        }
        alerts.add(alertAt(ztfOcf, null, historyDays));
        return alerts;
    }

    /**
     * The features {@link FeatureCalculator} gives each alert of a stream, one after the other with each object's
     * state carried to its next alert: what features-service must publish for the same stream.
     */
    static List<ObjectFeatures> expectedFeatures(List<Alert> stream) {
        FeatureCalculator calculator = new FeatureCalculator();
        Map<String, FeatureState> states = new HashMap<>();
        List<ObjectFeatures> features = new ArrayList<>();
        for (Alert alert : stream) {
            FeatureUpdate update = calculator.update(states.get(alert.objectId()), alert);
            states.put(alert.objectId(), update.state());
            features.add(update.features());
        }
        return features;
    }

    /** The file's alert with its candidate replaced by {@code detection} (null: kept) and its history cut. */
    private static byte[] alertAt(byte[] ztfOcf, GenericRecord detection, double historyDays) {
        return StageAlerts.editOcf(ztfOcf, alert -> {
            GenericRecord candidate = (GenericRecord) alert.get("candidate");
            if (detection != null) {
                copyShared(detection, candidate);
                alert.put("candid", detection.get("candid"));
            }
            double jd = jd(candidate);
            alert.put(PREVIOUS, within(entries(alert, PREVIOUS), jd - historyDays, jd));
            if (alert.getSchema().getField(FORCED) != null) {
                alert.put(FORCED, within(entries(alert, FORCED), jd - historyDays, jd));
            }
        });
    }

    /** Copies the non-null fields {@code from} has with the same type as in {@code to}. */
    private static void copyShared(GenericRecord from, GenericRecord to) {
        for (Schema.Field field : to.getSchema().getFields()) {
            Schema.Field source = from.getSchema().getField(field.name());
            Object value = source == null ? null : from.get(field.name());
            if (value != null && valueType(source.schema()) == valueType(field.schema())) {
                to.put(field.name(), value);
            }
        }
    }

    private static Schema.Type valueType(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema.getType();
        }
        return schema.getTypes().stream().map(Schema::getType).filter(t -> t != Schema.Type.NULL).findFirst()
                .orElse(Schema.Type.NULL);
    }

    private static List<GenericRecord> within(List<GenericRecord> entries, double fromJd, double beforeJd) {
        return entries.stream().filter(e -> jd(e) >= fromJd && jd(e) < beforeJd).toList();
    }

    private static List<GenericRecord> entries(GenericRecord alert, String field) {
        List<GenericRecord> entries = new ArrayList<>();
        if (alert.getSchema().getField(field) != null && alert.get(field) instanceof List<?> list) {
            for (Object entry : list) {
                entries.add((GenericRecord) entry);
            }
        }
        return entries;
    }

    private static double jd(GenericRecord record) {
        return ((Number) record.get("jd")).doubleValue();
    }
}

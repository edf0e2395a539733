package uk.ac.lsst.pipeline.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One output against what should be in it: which expected records are missing (losses) and how many records
 * repeat beyond what is expected (duplicates). A record's identity is a key whose first '/'-separated part is an
 * alert id (or an upstream position for the ingest buffer); an identity may be expected more than once, when the
 * same alert id arrived more than once upstream. Immutable.
 *
 * @param output     the output
 * @param records    records in the output
 * @param distinct   distinct identities in the output
 * @param missing    expected ids that have no record, sorted
 * @param duplicates records beyond the expected number of their identity
 */
record Accounting(String output, long records, long distinct, List<String> missing, long duplicates) {

    /**
     * @param counts   occurrences of each identity in the output
     * @param expected how many times each id should be there at least (ids absent here are not expected)
     */
    static Accounting of(String output, Map<String, Integer> counts, Map<String, Integer> expected) {
        Set<String> seen = new HashSet<>();
        long duplicates = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            String id = idOf(e.getKey());
            seen.add(id);
            duplicates += Math.max(0, e.getValue() - expected.getOrDefault(id, 1));
        }
        List<String> missing = expected.keySet().stream().filter(id -> !seen.contains(id)).sorted().toList();
        long records = counts.values().stream().mapToLong(Integer::longValue).sum();
        return new Accounting(output, records, counts.size(), missing, duplicates);
    }

    private static String idOf(String key) {
        int slash = key.indexOf('/');
        return slash < 0 ? key : key.substring(0, slash);
    }

    ObjectNode toJson(ObjectMapper json) {
        ObjectNode node = json.createObjectNode();
        node.put("records", records);
        node.put("distinct", distinct);
        node.put("duplicates", duplicates);
        node.put("lost", missing.size());
        node.set("lostIds", json.valueToTree(missing.stream().limit(20).toList()));
        return node;
    }
}

package uk.ac.lsst.pipeline.filter.stage;

/**
 * One record for a filter's topic.
 *
 * @param topic the filter's topic
 * @param value the JSON value at the filter's output level
 */
record FilterOutput(String topic, byte[] value) {
}

package uk.ac.lsst.pipeline.ingest;

/**
 * One alert as buffer-ingest writes it: the upstream bytes, untouched, and its compact form.
 *
 * @param upstream the message as upstream sent it
 * @param compact  the compact alert ({@link uk.ac.lsst.pipeline.alert.compact.CompactAlerts})
 */
record IngestedAlert(byte[] upstream, byte[] compact) {
}

package uk.ac.lsst.pipeline.alert;

/**
 * One image stamp of an alert, as carried by the alert: the bytes are not decoded here.
 *
 * @param kind     science, template or difference
 * @param fileName the file name given by the survey, or null when it gives none
 * @param encoding detected from the bytes
 * @param data     the raw stamp bytes (never null; do not modify)
 */
public record Cutout(CutoutKind kind, String fileName, CutoutEncoding encoding, byte[] data) {
}

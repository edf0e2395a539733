package uk.ac.lsst.pipeline.alert.photometry;

/** What kind of measurement a {@link PhotometryPoint} is. */
public enum PointKind {
    /** A source found in the difference image: ZTF candidate or prv_candidates entry with a candid, Rubin diaSource. */
    DETECTION,
    /** Forced photometry at the object's position: ZTF fp_hists (and the schema 3.5 test history), Rubin diaForcedSource. */
    FORCED,
    /** No detection, only the limiting magnitude of the image: ZTF prv_candidates entry without a candid. */
    UPPER_LIMIT
}

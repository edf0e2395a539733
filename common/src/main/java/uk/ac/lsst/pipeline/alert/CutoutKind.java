package uk.ac.lsst.pipeline.alert;

/** The three image stamps every alert carries. */
public enum CutoutKind {
    SCIENCE,
    TEMPLATE,
    DIFFERENCE
}

package uk.ac.lsst.pipeline.alert;

/** The survey that produced an alert. */
public enum Survey {
    ZTF,
    RUBIN
}

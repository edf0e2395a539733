package uk.ac.lsst.pipeline.crossmatch.classify;

/**
 * The context classification of an alert from its catalogue matches, in the spirit of Lasair's Sherlock classes.
 */
public enum ContextClass {
    /** variable star: on a catalogued star. */
    VS,
    /** on a catalogued quasar / active galactic nucleus. */
    AGN,
    /** nuclear transient: on the nucleus of a catalogued galaxy. */
    NT,
    /** supernova candidate: near a catalogued galaxy but off its nucleus. */
    SN,
    /** nothing catalogued nearby. */
    ORPHAN,
    /** matches, but none that the rules can decide on. */
    UNCLEAR
}

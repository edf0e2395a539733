package uk.ac.lsst.pipeline.crossmatch.catalogue;

/** A catalogue could not be loaded: the message says which catalogue, which file and what is wrong. */
public final class CatalogueException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CatalogueException(String message) {
        super(message);
    }

    public CatalogueException(String message, Throwable cause) {
        super(message, cause);
    }
}

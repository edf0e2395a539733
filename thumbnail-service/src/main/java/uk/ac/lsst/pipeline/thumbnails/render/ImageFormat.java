package uk.ac.lsst.pipeline.thumbnails.render;

/** The file format of rendered thumbnails. */
public enum ImageFormat {
    JPEG("jpeg", "jpg", "image/jpeg"),
    PNG("png", "png", "image/png");

    private final String code;
    private final String extension;
    private final String mediaType;

    ImageFormat(String code, String extension, String mediaType) {
        this.code = code;
        this.extension = extension;
        this.mediaType = mediaType;
    }

    /** {@code jpeg} or {@code png}: the ImageIO format name, and the name in settings and records. */
    public String code() {
        return code;
    }

    /** File name extension without the dot: {@code jpg} or {@code png}. */
    public String extension() {
        return extension;
    }

    public String mediaType() {
        return mediaType;
    }
}

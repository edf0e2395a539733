package uk.ac.lsst.pipeline.thumbnails.store;

import java.util.Locale;
import uk.ac.lsst.pipeline.alert.CutoutKind;
import uk.ac.lsst.pipeline.alert.Survey;

/**
 * Names images: {@code <survey>/<object id>/<alert id>_<kind>.<ext>}, e.g.
 * {@code ztf/ZTF18abjrdau/697252845015010002_science.jpg} or {@code rubin/169298432601096247/169298432601096247_difference.jpg}.
 * The survey and kind are lower case. Object ids come from the alert and are not trusted: any character other than
 * {@code A-Z a-z 0-9 . _ -} becomes {@code _}, a leading dot becomes {@code _} (no hidden or parent directories),
 * an empty id becomes {@code _}, and ids are cut at 128 characters. Stateless.
 */
public final class ThumbnailKeys {
    private static final int MAX_SEGMENT = 128;

    private ThumbnailKeys() {
    }

    /** The key of one image. */
    public static String key(Survey survey, String objectId, long alertId, CutoutKind kind, String extension) {
        return survey.name().toLowerCase(Locale.ROOT) + "/" + safeSegment(objectId) + "/" + alertId + "_"
                + kind.name().toLowerCase(Locale.ROOT) + "." + extension;
    }

    /** {@code id} made safe as one path segment (see the class description). */
    public static String safeSegment(String id) {
        if (id == null || id.isEmpty()) {
            return "_";
        }
        String cut = id.length() > MAX_SEGMENT ? id.substring(0, MAX_SEGMENT) : id;
        StringBuilder safe = new StringBuilder(cut.length());
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            boolean allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '-' || (c == '.' && i > 0);
            safe.append(allowed ? c : '_');
        }
        return safe.toString();
    }
}

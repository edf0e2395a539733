package uk.ac.lsst.pipeline.features;

import java.util.Objects;
import uk.ac.lsst.pipeline.features.state.FeatureState;

/**
 * The outcome of one alert: the object's new state (to store under its id) and the features of the alert.
 *
 * @param state    the state after the alert
 * @param features the features of the alert
 */
public record FeatureUpdate(FeatureState state, ObjectFeatures features) {

    public FeatureUpdate {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(features, "features");
    }
}

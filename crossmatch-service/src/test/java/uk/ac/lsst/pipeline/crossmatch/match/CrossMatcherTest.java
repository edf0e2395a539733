package uk.ac.lsst.pipeline.crossmatch.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;
import uk.ac.lsst.pipeline.crossmatch.classify.ClassificationRules;
import uk.ac.lsst.pipeline.crossmatch.classify.ContextClass;
import uk.ac.lsst.pipeline.crossmatch.classify.SourceKind;
import uk.ac.lsst.pipeline.crossmatch.testing.InMemory;
import uk.ac.lsst.pipeline.sky.Sphere;

class CrossMatcherTest {

    /** Two catalogues crowded around (ra0, dec0) so that queries near it find several sources. */
    private static List<IndexedCatalogue> crowded(long seed, double ra0, double dec0) {
        Random random = new Random(seed);
        List<IndexedCatalogue> cats = new ArrayList<>();
        double[] radii = {2.0, 7.5};
        SourceKind[] kinds = {SourceKind.STAR, SourceKind.GALAXY};
        for (int c = 0; c < 2; c++) {
            int n = 3000;
            double[] ra = new double[n];
            double[] dec = new double[n];
            for (int i = 0; i < n; i++) {
                dec[i] = Math.max(-90, Math.min(90, dec0 + (random.nextDouble() - 0.5) * 0.02));
                ra[i] = ((ra0 + (random.nextDouble() - 0.5) * 0.02 / Math.max(0.05, Math.cos(Math.toRadians(dec0))))
                        % 360 + 360) % 360;
            }
            cats.add(InMemory.catalogue("cat" + c, ra, dec, kinds[c], radii[c]));
        }
        return cats;
    }

    private record Expected(String catalogue, int index, double arcsec) {
    }

    @Property(seed = "42", tries = 60)
    void shouldFindExactlyWhatBruteForceFindsSortedAndWithinEachRadius(
            @ForAll @LongRange(min = 0, max = 1_000_000) long seed,
            @ForAll @Scale(6) @DoubleRange(min = 0, max = 359.999) double ra0,
            @ForAll @Scale(6) @DoubleRange(min = -90, max = 90) double dec0) {
        List<IndexedCatalogue> cats = crowded(seed, ra0, dec0);
        CrossMatcher matcher = new CrossMatcher(new LiveCatalogues(cats), ClassificationRules.DEFAULTS);
        Random random = new Random(seed + 1);
        int found = 0;
        for (int q = 0; q < 20; q++) {
            double dec = Math.max(-90, Math.min(90, dec0 + (random.nextDouble() - 0.5) * 0.01));
            double ra = ((ra0 + (random.nextDouble() - 0.5) * 0.01) % 360 + 360) % 360;

            MatchOutcome outcome = matcher.match(ra, dec);

            List<Expected> expected = new ArrayList<>();
            for (IndexedCatalogue c : cats) {
                for (int i = 0; i < c.catalogue().size(); i++) {
                    double arcsec = 3600 * Sphere.separationDeg(ra, dec, c.catalogue().raDeg(i), c.catalogue().decDeg(i));
                    if (arcsec <= c.radiusArcsec()) {
                        expected.add(new Expected(c.name(), i, arcsec));
                    }
                }
            }
            expected.sort(Comparator.comparingDouble(Expected::arcsec));
            List<Expected> actual = outcome.matches().stream()
                    .map(m -> new Expected(m.catalogue().name(), m.index(), m.separationArcsec())).toList();
            assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
            found += actual.size();
            assertThat(actual).isSortedAccordingTo(Comparator.comparingDouble(Expected::arcsec));
            assertThat(outcome.matches()).allSatisfy(m ->
                    assertThat(m.separationArcsec()).isLessThanOrEqualTo(m.catalogue().radiusArcsec()));
            assertThat(outcome.classification()).isEqualTo(expected.isEmpty() ? ContextClass.ORPHAN
                    : ClassificationRules.DEFAULTS.classify(outcome.matches(), SourceMatch::kind,
                    SourceMatch::separationArcsec));
        }
        assertThat(found).as("the crowded field gives matches to compare").isGreaterThan(20);
    }

    @Property(seed = "7", tries = 200)
    void shouldBeSymmetric(@ForAll @Scale(6) @DoubleRange(min = 0, max = 359.999) double ra,
                           @ForAll @Scale(6) @DoubleRange(min = -89.9, max = 89.9) double dec,
                           @ForAll @Scale(6) @DoubleRange(min = -1.9, max = 1.9) double dRaArcsec,
                           @ForAll @Scale(6) @DoubleRange(min = -1.9, max = 1.9) double dDecArcsec) {
        double ra2 = ((ra + dRaArcsec / 3600) % 360 + 360) % 360;
        double dec2 = dec + dDecArcsec / 3600;
        MatchOutcome ab = new CrossMatcher(new LiveCatalogues(List.of(InMemory.catalogue("b",
                new double[] {ra2}, new double[] {dec2}, SourceKind.STAR, 2.0))), ClassificationRules.DEFAULTS)
                .match(ra, dec);
        MatchOutcome ba = new CrossMatcher(new LiveCatalogues(List.of(InMemory.catalogue("a",
                new double[] {ra}, new double[] {dec}, SourceKind.STAR, 2.0))), ClassificationRules.DEFAULTS)
                .match(ra2, dec2);
        assertThat(ab.matches()).hasSameSizeAs(ba.matches());
        if (!ab.matches().isEmpty()) {
            assertThat(ab.matches().get(0).separationArcsec())
                    .isCloseTo(ba.matches().get(0).separationArcsec(), within(1e-9));
        }
    }

    @Test
    void shouldMatchAcrossRaZeroAndAtThePole() {
        IndexedCatalogue c = InMemory.catalogue("edge", new double[] {359.99995, 0.0, 123.0},
                new double[] {0.0, 90.0, 89.9997}, SourceKind.GALAXY, 2.0);
        CrossMatcher matcher = new CrossMatcher(new LiveCatalogues(List.of(c)), ClassificationRules.DEFAULTS);

        MatchOutcome wrap = matcher.match(0.00001, 0.0);
        assertThat(wrap.matches()).extracting(SourceMatch::index).containsExactly(0);
        assertThat(wrap.matches().get(0).separationArcsec()).isCloseTo(0.216, within(1e-6));

        MatchOutcome pole = matcher.match(300.0, 89.99999);
        assertThat(pole.matches()).extracting(SourceMatch::index).containsExactly(1, 2);
        assertThat(pole.classification()).isEqualTo(ContextClass.NT);
    }

    @Test
    void shouldSeeAReplacedCatalogueOnTheNextMatch() {
        LiveCatalogues live = new LiveCatalogues(List.of(InMemory.catalogue("c", new double[] {10}, new double[] {10},
                SourceKind.STAR, 2.0)));
        CrossMatcher matcher = new CrossMatcher(live, ClassificationRules.DEFAULTS);
        assertThat(matcher.match(10, 10).classification()).isEqualTo(ContextClass.VS);

        live.replace(InMemory.catalogue("c", new double[] {10}, new double[] {10}, SourceKind.GALAXY, 2.0));

        assertThat(matcher.match(10, 10).classification()).isEqualTo(ContextClass.NT);
        assertThat(matcher.match(20, 20).classification()).isEqualTo(ContextClass.ORPHAN);
    }
}

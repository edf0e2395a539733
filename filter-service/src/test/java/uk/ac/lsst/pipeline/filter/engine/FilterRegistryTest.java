package uk.ac.lsst.pipeline.filter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import uk.ac.lsst.pipeline.filter.definition.FilterChange;
import uk.ac.lsst.pipeline.filter.definition.FilterDefinition;
import uk.ac.lsst.pipeline.filter.definition.FilterKey;
import uk.ac.lsst.pipeline.filter.definition.OutputLevel;
import uk.ac.lsst.pipeline.filter.expression.FilterCompiler;

class FilterRegistryTest {
    private static final FilterCompiler COMPILER = FilterCompiler.create();
    private static final FilterKey SN = new FilterKey("alice", "sn");

    private static FilterChange upsert(String expression) {
        return new FilterChange.Upsert(FilterDefinition.of("alice", "sn", expression, OutputLevel.IDS));
    }

    @Test
    void shouldAddReplaceAndDeleteFilters() {
        FilterRegistry registry = new FilterRegistry(COMPILER);

        assertThat(registry.apply(upsert("magnitude < 19.0")).result()).isEqualTo(RegistryUpdate.Result.ADDED);
        assertThat(registry.apply(upsert("magnitude < 18.0")).result()).isEqualTo(RegistryUpdate.Result.REPLACED);
        assertThat(registry.filters()).singleElement()
                .satisfies(f -> assertThat(f.compiled().expression()).isEqualTo("magnitude < 18.0"))
                .satisfies(f -> assertThat(f.topic()).isEqualTo("filter-alice-sn"));
        assertThat(registry.apply(new FilterChange.Delete(SN)).result()).isEqualTo(RegistryUpdate.Result.DELETED);
        assertThat(registry.filters()).isEmpty();
        assertThat(registry.apply(new FilterChange.Delete(SN)).result()).isEqualTo(RegistryUpdate.Result.ABSENT);
    }

    @Test
    void aDefinitionThatDoesNotCompileShouldBeRejectedAndDeactivateTheFilter() {
        FilterRegistry registry = new FilterRegistry(COMPILER);
        registry.apply(upsert("magnitude < 19.0"));

        RegistryUpdate update = registry.apply(upsert("magnitude < \"bright\""));

        assertThat(update.result()).isEqualTo(RegistryUpdate.Result.REJECTED);
        assertThat(update.reason()).startsWith("line 1, column 11: found no matching overload for '_<_'");
        assertThat(registry.filters()).isEmpty();
        assertThat(registry.filter(SN)).isEmpty();
    }

    @Test
    void aSnapshotShouldNotChangeWhenFiltersChangeLater() {
        FilterRegistry registry = new FilterRegistry(COMPILER);
        registry.apply(upsert("true"));
        List<ActiveFilter> snapshot = registry.filters();

        registry.apply(new FilterChange.Delete(SN));

        assertThat(snapshot).hasSize(1);
        assertThat(registry.size()).isZero();
    }
}

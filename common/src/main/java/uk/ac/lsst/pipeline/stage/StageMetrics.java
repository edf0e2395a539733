package uk.ac.lsst.pipeline.stage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The counters every stage keeps, tagged with the stage name, in a Prometheus registry that {@code /metrics}
 * serves: {@code pipeline_alerts_in_total}, {@code pipeline_alerts_out_total},
 * {@code pipeline_dead_letters_total{reason=...}}. Stages add their own meters to {@link #registry()}.
 * Thread-safe.
 */
public final class StageMetrics implements AutoCloseable {
    private final MeterRegistry registry;
    private final String stage;
    private final Counter alertsIn;
    private final Counter alertsOut;

    public StageMetrics(MeterRegistry registry, String stage) {
        this.registry = registry;
        this.stage = stage;
        this.alertsIn = Counter.builder("pipeline.alerts.in").description("records read from the input buffer")
                .tag("stage", stage).register(registry);
        this.alertsOut = Counter.builder("pipeline.alerts.out").description("records written to the output buffer")
                .tag("stage", stage).register(registry);
    }

    /** A Prometheus-backed instance with JVM and CPU meters bound. */
    public static StageMetrics prometheus(String stage) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        return new StageMetrics(registry, stage);
    }

    public MeterRegistry registry() {
        return registry;
    }

    public String stage() {
        return stage;
    }

    public void alertIn() {
        alertsIn.increment();
    }

    public void alertOut() {
        alertsOut.increment();
    }

    public void deadLetter(String reason) {
        Counter.builder("pipeline.dead.letters").description("records sent to the dead-letter topic")
                .tags(Tags.of("stage", stage, "reason", reason)).register(registry).increment();
    }

    public double alertsIn() {
        return alertsIn.count();
    }

    public double alertsOut() {
        return alertsOut.count();
    }

    /** Dead letters counted so far for {@code reason}. */
    public double deadLetters(String reason) {
        Counter c = registry.find("pipeline.dead.letters").tags("stage", stage, "reason", reason).counter();
        return c == null ? 0 : c.count();
    }

    /** Prometheus text exposition, or an empty string when the registry is not a Prometheus one. */
    public String scrape() {
        return registry instanceof PrometheusMeterRegistry p ? p.scrape() : "";
    }

    @Override
    public void close() {
        registry.close();
    }
}

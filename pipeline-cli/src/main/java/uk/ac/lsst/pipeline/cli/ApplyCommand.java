package uk.ac.lsst.pipeline.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import uk.ac.lsst.pipeline.ops.TopicPlan;
import uk.ac.lsst.pipeline.spec.PipelineSpec;
import uk.ac.lsst.pipeline.text.Counts;

/** {@code pipeline apply}: makes every managed buffer match the pipeline file. */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Create the topics, add the partitions and set the topic configs that the pipeline file "
                + "asks for, on every managed buffer.",
                "Idempotent: a second run changes nothing. If any change is refused (Kafka cannot remove "
                        + "partitions), nothing is changed."})
public final class ApplyCommand extends OpsCommand {

    @Mixin
    PipelineFileOption pipeline;

    @Override
    int run() {
        PipelineSpec spec = pipeline.load();
        TopicPlan plan = TopicPlan.compute(spec, System.getenv(), pipeline.timeout);
        PlanCommand.print(plan, spec);
        if (plan.isEmpty()) {
            return 0;
        }
        plan.apply(System.getenv(), pipeline.timeout.multipliedBy(6));
        System.out.printf("Applied %s.%n", Counts.of(plan.changes().size(), "change"));
        return 0;
    }
}

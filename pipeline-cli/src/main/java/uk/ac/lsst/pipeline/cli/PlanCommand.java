package uk.ac.lsst.pipeline.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import uk.ac.lsst.pipeline.ops.TopicPlan;
import uk.ac.lsst.pipeline.spec.PipelineSpec;
import uk.ac.lsst.pipeline.text.Counts;

/** {@code pipeline plan}: what {@code apply} would change on every buffer, changing nothing. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Show what 'apply' would change on every managed buffer of the pipeline file: topics to "
                + "create, partitions to add, configs to alter, and changes Kafka cannot make.",
                "Changes nothing. Exit 0 when every change can be made, 1 when one is refused or a buffer fails, 2 "
                        + "for a bad file."})
public final class PlanCommand extends OpsCommand {

    @Mixin
    PipelineFileOption pipeline;

    @Override
    int run() {
        PipelineSpec spec = pipeline.load();
        TopicPlan plan = TopicPlan.compute(spec, System.getenv(), pipeline.timeout);
        print(plan, spec);
        return plan.refused().isEmpty() ? 0 : 1;
    }

    static void print(TopicPlan plan, PipelineSpec spec) {
        if (plan.isEmpty()) {
            System.out.println("No changes: every managed buffer of " + spec.source() + " matches the file.");
            return;
        }
        plan.changes().forEach(System.out::println);
        long refused = plan.refused().size();
        System.out.printf("%s%s%n", Counts.of(plan.changes().size() - refused, "change"),
                refused == 0 ? "" : ", " + refused + " refused: apply will change nothing until the file is fixed");
    }
}

package uk.ac.lsst.pipeline.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import uk.ac.lsst.pipeline.spec.StageSpec;

/** The topics a stage's consumer group reads on its input buffer. */
final class StageInputs {
    private StageInputs() {
    }

    /**
     * The named input topics, plus those of {@code existing} that the stage's pattern matches. The watch-lists topic
     * is left out: it is read whole by every instance, outside the consumer group.
     */
    static List<String> topics(StageSpec stage, Set<String> existing) {
        List<String> topics = new ArrayList<>();
        stage.input().topics().forEach((role, topic) -> {
            if (!role.equals("watchlists")) {
                topics.add(topic);
            }
        });
        topics.addAll(stage.input().topicList());
        if (stage.input().topicPattern() != null) {
            Pattern p = Pattern.compile(stage.input().topicPattern());
            existing.stream().filter(t -> p.matcher(t).matches()).sorted().forEach(topics::add);
        }
        return topics.stream().filter(existing::contains).distinct().toList();
    }
}

package uk.ac.lsst.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What a user reads in {@code --help}: every command's description is made of whole sentences (picocli lists a
 * command by the first element of its description alone), and examples fit the width, so none wraps.
 */
class HelpTextTest {
    private static final CommandLine CLI = new CommandLine(new PipelineCommand());

    @Test
    void everyDescriptionElementShouldBeCompleteSentences() {
        List<String> incomplete = new ArrayList<>();
        for (CommandSpec command : commands(CLI.getCommandSpec())) {
            for (String element : command.usageMessage().description()) {
                if (!element.strip().endsWith(".")) {
                    incomplete.add(command.qualifiedName() + ": " + element);
                }
            }
        }
        assertThat(incomplete).isEmpty();
    }

    @Test
    void theCommandListOfTopLevelHelpShouldShowWholeSentences() {
        String usage = CLI.getUsageMessage(CommandLine.Help.Ansi.OFF);
        String list = usage.substring(usage.indexOf("Commands:"));
        Matcher entry = Pattern.compile("(?m)^  (\\S+) +(.+(?:\\n {5,}.+)*)").matcher(list);
        List<String> names = new ArrayList<>();
        while (entry.find()) {
            names.add(entry.group(1));
            assertThat(entry.group(2).replaceAll("\\s+", " ")).as(entry.group(1)).endsWith(".");
        }
        assertThat(names).contains("plan", "apply", "rewind", "env", "tail", "buffers", "stage", "xmatch",
                "watchlist", "filter");
    }

    @Test
    void examplesShouldFitTheWidthSoThatNoneWraps() {
        List<String> tooLong = new ArrayList<>();
        for (CommandSpec command : commands(CLI.getCommandSpec())) {
            int width = command.usageMessage().width();
            for (String line : command.usageMessage().footer()) {
                if (line.length() > width) {
                    tooLong.add(command.qualifiedName() + ": " + line);
                }
            }
        }
        assertThat(tooLong).isEmpty();
        String xmatch = CLI.getSubcommands().get("xmatch").getUsageMessage(CommandLine.Help.Ansi.OFF);
        assertThat(xmatch.lines()).noneMatch(l -> l.strip().equals("\\"));
    }

    private static List<CommandSpec> commands(CommandSpec root) {
        List<CommandSpec> all = new ArrayList<>(List.of(root));
        root.subcommands().values().forEach(sub -> all.addAll(commands(sub.getCommandSpec())));
        return all;
    }
}

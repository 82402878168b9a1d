package io.shoal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Every command's {@code --help} renders without picocli warnings and reads as written: each option and parameter says what it is with a named
 * placeholder ({@code DURATION}, not picocli's {@code <fieldName>}), and each description paragraph is whole
 * sentences, since picocli starts a new line at every paragraph and wraps inside it.
 */
class HelpTextTest {
    private final CommandLine shoal = new CommandLine(new Main());

    @Test
    void everyOptionAndParameterIsDescribedWithANamedPlaceholder() {
        List<String> bare = new ArrayList<>();
        for (CommandLine command : shoal.getSubcommands().values()) {
            CommandSpec spec = command.getCommandSpec();
            List<ArgSpec> args = new ArrayList<>(spec.options());
            args.addAll(spec.positionalParameters());
            for (ArgSpec arg : args) {
                if (arg.hidden()) {
                    continue; // internal, never in --help
                }
                String name = spec.qualifiedName() + " " + arg.paramLabel();
                if (arg instanceof CommandLine.Model.OptionSpec option) {
                    name = spec.qualifiedName() + " " + option.longestName();
                }
                if (arg.description().length == 0 || arg.description()[0].isBlank()) {
                    bare.add(name + ": no description");
                }
                if (arg.typeInfo().isBoolean() && arg instanceof CommandLine.Model.OptionSpec) {
                    continue;
                }
                if (arg.paramLabel().startsWith("<")) {
                    bare.add(name + ": placeholder " + arg.paramLabel());
                }
            }
        }
        assertThat(bare).isEmpty();
    }

    @Test
    void everyDescriptionParagraphIsWholeSentences() {
        List<String> broken = new ArrayList<>();
        for (CommandLine command : shoal.getSubcommands().values()) {
            for (String paragraph : command.getCommandSpec().usageMessage().description()) {
                if (!paragraph.replace("%n", "").strip().matches("(?s).*[.:)]")) {
                    broken.add(command.getCommandSpec().qualifiedName() + ": \"" + paragraph + "\"");
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void everyHelpRendersWithoutPicocliWarnings() {
        List<CommandLine> commands = new ArrayList<>();
        collect(shoal, commands);
        PrintStream realErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        StringBuilder help = new StringBuilder();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            commands.forEach(command -> help.append(command.getUsageMessage()));
        } finally {
            System.setErr(realErr);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(help).contains("restarts, CPU %, resident memory").contains("its replica's CPU % and memory");
    }

    private static void collect(CommandLine command, List<CommandLine> into) {
        into.add(command);
        command.getSubcommands().values().forEach(sub -> collect(sub, into));
    }
}

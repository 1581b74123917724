package org.ensemble.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Usage errors are answered before Spring starts: these tests never start an application context. */
class CommandLineTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int execute(String line) {
        return CommandLine.execute(line.split(" "), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // run without the show
            "run --air-date 2026-11-30|run needs --show and --air-date.",
            // run without the date
            "run --show create-together|run needs --show and --air-date.",
            // a command that does not exist
            "publish --show create-together|Unknown command 'publish'.",
            // a date in the wrong format
            "run --show create-together --air-date 30/11/2026|--air-date '30/11/2026' is not a date like 2026-11-30.",
            // a date that does not exist
            "run --show create-together --air-date 2026-02-30|--air-date '2026-02-30' is not a date like 2026-11-30.",
            // an option without its value
            "run --air-date 2026-11-30 --show|Option --show needs a value.",
            // an option followed by another option instead of a value
            "run --show --air-date 2026-11-30|Option --show needs a value.",
            // a stray word
            "run create-together|Unexpected argument 'create-together'.",
            // a re-render names its episode too
            "rerender --show create-together|rerender needs --show and --air-date.",
            // a revision is a positive whole number
            "rerender --show create-together --air-date 2026-11-30 --edl-revision two|--edl-revision 'two' is not a revision number like 3.",
            "rerender --show create-together --air-date 2026-11-30 --edl-revision 0|--edl-revision '0' is not a revision number like 3.",
            // stop and restart name an execution (restart may name the episode instead)
            "stop|--execution needs a job execution id like 42 (see: status --show <id>).",
            "stop --execution last|--execution needs a job execution id like 42 (see: status --show <id>).",
            "restart|restart needs --execution <id>, or --show and --air-date.",
            "restart --show create-together|restart needs --execution <id>, or --show and --air-date.",
            "restart --show create-together --air-date monday|--air-date 'monday' is not a date like 2026-11-30.",
            "status --air-date 30/11/2026|--air-date '30/11/2026' is not a date like 2026-11-30.",
            // schedules: an action first, and the show for the actions on one show
            "schedules|schedules needs one of: list, reload, pause, resume, run-now.",
            "schedules --show create-together|schedules needs one of: list, reload, pause, resume, run-now.",
            "schedules jump --show create-together|Unknown schedules action 'jump': list, reload, pause, resume or run-now.",
            "schedules pause|schedules pause needs --show <id>.",
            "schedules run-now --home var|schedules run-now needs --show <id>.",
            "schedules resume --show|Option --show needs a value.",
    })
    void usageErrorsExitWithTwoAndSayWhatIsWrong(String line, String message) {
        int code = execute(line);

        assertThat(code).isEqualTo(2);
        assertThat(err()).startsWith(message);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            // export needs to know the format
            "export --show create-together --air-date 2026-11-30;export needs --format edl|otio (or an --out file ending in .edl or .otio).",
            // ... which an --out file's name can tell
            "export --show create-together --air-date 2026-11-30 --out cut.xml;export needs --format edl|otio",
            // a format that does not exist
            "export --show create-together --air-date 2026-11-30 --format mp4;--format: unknown timeline format 'mp4' (edl or otio).",
            // export names its episode
            "export --format otio --show create-together;export needs --show and --air-date.",
            // import needs the edited file
            "import --show create-together --air-date 2026-11-30;import needs --file <edited .edl or .otio>.",
            // whose format its name or --format tells
            "import --show create-together --air-date 2026-11-30 --file cut.xml;--file cut.xml ends in neither .edl nor .otio; say which with --format edl|otio.",
            // a file that is not there
            "import --show create-together --air-date 2026-11-30 --file /nonexistent/cut.edl;Cannot read --file /nonexistent/cut.edl: ",
    })
    void exportAndImportUsageErrorsExitWithTwo(String line, String message) {
        int code = execute(line);

        assertThat(code).isEqualTo(2);
        assertThat(err()).startsWith(message);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void rerenderIsAFlagWithoutAValue() {
        assertThat(CommandLine.options(new String[] {"import", "--rerender", "--show", "a", "--file", "x.edl"}))
                .containsOnly(Map.entry("rerender", "true"), Map.entry("show", "a"), Map.entry("file", "x.edl"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            // overrides name their episode
            "overrides --pin v1;overrides needs --show and --air-date.",
            "overrides --show create-together --pin v1;overrides needs --show and --air-date.",
            // trims are frames: <id>=<in>:<out>, out after in (or 0 for the end)
            "overrides --show create-together --air-date 2026-11-30 --trim v1=1.5:3;--trim 'v1=1.5:3' is not <id>=<in>:<out> in frames",
            "overrides --show create-together --air-date 2026-11-30 --trim v1;--trim 'v1' is not <id>=<in>:<out> in frames",
            "overrides --show create-together --air-date 2026-11-30 --trim v1=90:30;--trim 'v1=90:30': out must be after in (or 0 for the end).",
            // replacements and priorities are pairs
            "overrides --show create-together --air-date 2026-11-30 --replace v1;--replace 'v1' is not <id>=<other id>, like v1=v2.",
            "overrides --show create-together --air-date 2026-11-30 --priority v1=high;--priority 'v1=high' is not <id>=<whole number>, like v1=5.",
            // lists are comma separated, without holes or repeats in the order
            "overrides --show create-together --air-date 2026-11-30 --pin v1,,v2;--pin 'v1,,v2' has an empty item; separate ids with commas.",
            "overrides --show create-together --air-date 2026-11-30 --order v1,v2,v1;--order names a piece twice: v1,v2,v1.",
            "overrides --show create-together --air-date 2026-11-30 --exclude;Option --exclude needs a value.",
    })
    void overridesUsageErrorsExitWithTwo(String line, String message) {
        int code = execute(line);

        assertThat(code).isEqualTo(2);
        assertThat(err()).startsWith(message);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void theOverridesOptionsAddToTheStoredOnesOrReplaceThemWithClear() {
        var stored = org.ensemble.episode.EditorOverrides.NONE.withPinned("a1").withTrim("v2", 0, 60);

        var added = CommandLine.overridesChange(java.util.Map.of("pin", "v1,p1", "exclude", "w1", "order", "p1,v1",
                "trim", "v1=15:120,a1=0:0", "replace", "p2=p3", "priority", "n1=-2")).apply(stored);
        var cleared = CommandLine.overridesChange(java.util.Map.of("clear", "true", "exclude", "w1")).apply(stored);

        assertThat(added.pinned()).containsExactly("a1", "p1", "v1");
        assertThat(added.excluded()).containsExactly("w1");
        assertThat(added.order()).containsExactly("p1", "v1");
        assertThat(added.trims()).containsOnlyKeys("a1", "v1", "v2");
        assertThat(added.trims().get("v1")).isEqualTo(new org.ensemble.episode.EditorOverrides.Trim(15, 120));
        assertThat(added.replacements()).containsEntry("p2", "p3");
        assertThat(added.priorities()).containsEntry("n1", -2);
        assertThat(cleared).isEqualTo(org.ensemble.episode.EditorOverrides.NONE.withExcluded("w1"));
    }

    @Test
    void usageErrorsShowTheUsage() {
        execute("frobnicate");

        assertThat(err()).contains("Unknown command 'frobnicate'.").contains("Usage:").contains("--air-date");
    }

    @Test
    void helpPrintsTheUsageAndExitsWithZero() {
        assertThat(execute("help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage:").contains("Exit codes of run");
        assertThat(err()).isEmpty();
    }

    @Test
    void optionsTakeTheirValueAfterASpaceOrAnEqualsSign() {
        Map<String, String> options = CommandLine.options(new String[] {"run", "--show", "create-together",
                "--air-date=2026-11-30", "--home", "/srv/ensemble", "--jobs=", "--title=a=b"});

        assertThat(options).containsOnly(Map.entry("show", "create-together"), Map.entry("air-date", "2026-11-30"),
                Map.entry("home", "/srv/ensemble"), Map.entry("jobs", ""), Map.entry("title", "a=b"));
    }

    @Test
    void theLastOfARepeatedOptionWins() {
        assertThat(CommandLine.options(new String[] {"run", "--show", "a", "--show", "b"})).containsEntry("show", "b");
    }

    @Test
    void theCommandItselfIsNotAnOption() {
        assertThat(CommandLine.options(new String[] {"help"})).isEmpty();
        assertThatThrownBy(() -> CommandLine.options(new String[] {"run", "-s", "x"}))
                .hasMessage("Unexpected argument '-s'.");
    }
}

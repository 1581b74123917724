package org.ensemble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import org.ensemble.episode.EditorOverrides;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.context.annotation.Configuration;

/**
 * Help, version and usage errors are answered before Spring starts: the application these tests give the command
 * line is one that notes when Spring makes it, and it never is.
 */
class CommandLineTest {

    /** Made by Spring only when a command starts the application. */
    @Configuration(proxyBeanMethods = false)
    static class SpringMustNotStart {
        static final AtomicBoolean STARTED = new AtomicBoolean();

        SpringMustNotStart() {
            STARTED.set(true);
        }
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path home;

    @AfterEach
    void springWasNotStarted() {
        assertThat(SpringMustNotStart.STARTED).as("Spring started").isFalse();
    }

    private int execute(String line) {
        return Cli.execute(line.split(" "), SpringMustNotStart.class, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // run without the show, or without the date
            "run --air-date 2026-11-30|Missing required option: '--show=<id>'",
            "run --show create-together|Missing required option: '--air-date=<YYYY-MM-DD>'",
            // a command that does not exist
            "publish --show create-together|Unknown command 'publish'.",
            // a date in the wrong format, a date that does not exist
            "run --show create-together --air-date 30/11/2026|Invalid value for option '--air-date': '30/11/2026' is not a date like 2026-11-30",
            "run --show create-together --air-date 2026-02-30|Invalid value for option '--air-date': '2026-02-30' is not a date like 2026-11-30",
            // an option without its value
            "run --air-date 2026-11-30 --show|Missing required parameter for option '--show' (<id>)",
            // a stray word
            "run --show a --air-date 2026-11-30 create-together|Unmatched argument at index 5: 'create-together'",
            // a typo is named, and the right spelling suggested
            "rerender --show create-together --air-date 2026-11-30 --edl-revison 3|Unknown options: '--edl-revison', '3'",
            "status --bogus 1|Unknown options: '--bogus', '1'",
            // a revision is a positive whole number
            "rerender --show create-together --air-date 2026-11-30 --edl-revision two|Invalid value for option '--edl-revision': 'two' is not a revision number like 3",
            "rerender --show create-together --air-date 2026-11-30 --edl-revision 0|Invalid value for option '--edl-revision': '0' is not a revision number like 3",
            // stop and restart name an execution (restart may name the episode instead)
            "stop|Missing required option: '--execution=<id>'",
            "stop --execution last|Invalid value for option '--execution': 'last' is not a job execution id like 42 (see: status --show <id>)",
            "restart|restart needs --execution <id>, or --show and --air-date.",
            "restart --show create-together|restart needs --execution <id>, or --show and --air-date.",
            "restart --show create-together --air-date monday|Invalid value for option '--air-date': 'monday' is not a date like 2026-11-30",
            "status --air-date 30/11/2026|Invalid value for option '--air-date': '30/11/2026' is not a date like 2026-11-30",
            // schedules: an action first, and the show for the actions on one show
            "schedules|schedules needs one of: list, reload, pause, resume, run-now.",
            "schedules --show create-together|Unknown options: '--show', 'create-together'",
            "schedules jump --show create-together|Unmatched arguments from index 1: 'jump', '--show', 'create-together'",
            "schedules pause|Missing required option: '--show=<id>'",
            "schedules run-now --home var|Missing required option: '--show=<id>'",
            "schedules resume --show|Missing required parameter for option '--show' (<id>)",
            // tokens: the action and the name
            "tokens|tokens create --name <who uses it> [--home <dir>]",
            "tokens create|Missing required option: '--name=<who uses it>'",
            // prune: a policy, in whole numbers
            "prune|prune needs --keep <n> (newest revisions kept per episode) and/or --older-than-days <d>.",
            "prune --keep x|Invalid value for option '--keep': 'x' is not a whole number like 3",
            "prune --keep 3 --dry-run maybe|Invalid value for option '--dry-run': 'maybe' is neither yes nor no",
    })
    void usageErrorsExitWithTwoAndSayWhatIsWrong(String line, String message) {
        int code = execute(line);

        assertThat(code).isEqualTo(2);
        assertThat(err()).startsWith(message).contains("See: java -jar ensemble.jar help");
        assertThat(out()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "rerender --show s --air-date 2026-11-30 --edl-revison 3|Possible solutions: --edl-revision",
            "status --exection 4|Possible solutions: --execution",
            "overrides --show s --air-date 2026-11-30 --exlude v1|Possible solutions: --exclude",
            "shedules list|Did you mean: java -jar ensemble.jar schedules",
            "scheduless list|schedules",
    })
    void aTypoIsAnErrorThatSuggestsTheRightSpelling(String line, String suggestion) {
        assertThat(execute(line)).isEqualTo(2);
        assertThat(err()).contains(suggestion);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            // export needs to know the format
            "export --show create-together --air-date 2026-11-30;export needs --format edl|otio (or an --out file ending in .edl or .otio).",
            // ... which an --out file's name can tell
            "export --show create-together --air-date 2026-11-30 --out cut.xml;export needs --format edl|otio",
            // a format that does not exist
            "export --show create-together --air-date 2026-11-30 --format mp4;Invalid value for option '--format': unknown timeline format 'mp4' (edl or otio)",
            // export names its episode
            "export --format otio --show create-together;Missing required option: '--air-date=<YYYY-MM-DD>'",
            // import needs the edited file
            "import --show create-together --air-date 2026-11-30;Missing required option: '--file=<edited.edl|.otio>'",
            // whose format its name or --format tells
            "import --show create-together --air-date 2026-11-30 --file cut.xml;--file cut.xml ends in neither .edl nor .otio; say which with --format edl|otio.",
            // a file that is not there
            "import --show create-together --air-date 2026-11-30 --file /nonexistent/cut.edl;Cannot read --file /nonexistent/cut.edl: ",
    })
    void exportAndImportUsageErrorsExitWithTwo(String line, String message) {
        int code = execute(line);

        assertThat(code).isEqualTo(2);
        assertThat(err()).startsWith(message);
        assertThat(out()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            // overrides name their episode
            "overrides --pin v1;Missing required options: '--show=<id>', '--air-date=<YYYY-MM-DD>'",
            "overrides --show create-together --pin v1;Missing required option: '--air-date=<YYYY-MM-DD>'",
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
            "overrides --show create-together --air-date 2026-11-30 --exclude;Missing required parameter for option '--exclude' (<id,id>)",
    })
    void overridesUsageErrorsExitWithTwo(String line, String message) {
        int code = execute(line);

        assertThat(code).isEqualTo(2);
        assertThat(err()).startsWith(message);
        assertThat(out()).isEmpty();
    }

    @Test
    void theOverridesOptionsAddToTheStoredOnesOrReplaceThemWithClear() {
        var stored = EditorOverrides.NONE.withPinned("a1").withTrim("v2", 0, 60);

        var added = OverridesCommand.change("v1,p1", "w1", "p1,v1", "v1=15:120,a1=0:0", "p2=p3", "n1=-2", false).apply(stored);
        var cleared = OverridesCommand.change(null, "w1", null, null, null, null, true).apply(stored);

        assertThat(added.pinned()).containsExactly("a1", "p1", "v1");
        assertThat(added.excluded()).containsExactly("w1");
        assertThat(added.order()).containsExactly("p1", "v1");
        assertThat(added.trims()).containsOnlyKeys("a1", "v1", "v2");
        assertThat(added.trims().get("v1")).isEqualTo(new EditorOverrides.Trim(15, 120));
        assertThat(added.replacements()).containsEntry("p2", "p3");
        assertThat(added.priorities()).containsEntry("n1", -2);
        assertThat(cleared).isEqualTo(EditorOverrides.NONE.withExcluded("w1"));
    }

    @Test
    void anUnknownCommandShowsTheCommands() {
        assertThat(execute("frobnicate")).isEqualTo(2);

        assertThat(err()).contains("Unknown command 'frobnicate'.").contains("Usage:").contains("rerender").contains("schedules");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "help|Exit codes of run",
            "--help|Exit codes of run",
            "-h|Exit codes of run",
            "help rerender|--edl-revision=<n>",
            "rerender --help|--edl-revision=<n>",
            "schedules -h|run-now",
            "schedules pause --help|--show=<id>",
            "tokens create --help|--name=<who uses it>",
    })
    void helpPrintsTheUsageAndExitsWithZero(String line, String expected) {
        assertThat(execute(line)).isZero();

        assertThat(out()).startsWith("Usage:").contains(expected);
        assertThat(err()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"version", "--version", "-V"})
    void versionPrintsTheVersionsAndExitsWithZero(String line) {
        assertThat(execute(line)).isZero();

        assertThat(out()).startsWith("Ensemble ").contains("Java " + System.getProperty("java.version"));
    }

    @Test
    void helpAndVersionFlagsAreCommandsSoTheyNeverStartTheServer() {
        assertThat(Cli.isCommand(new String[] {"--help"})).isTrue();
        assertThat(Cli.isCommand(new String[] {"-h"})).isTrue();
        assertThat(Cli.isCommand(new String[] {"--version"})).isTrue();
        assertThat(Cli.isCommand(new String[] {"status", "--show", "x"})).isTrue();
        // the server's own arguments
        assertThat(Cli.isCommand(new String[] {})).isFalse();
        assertThat(Cli.isCommand(new String[] {"--server.port=9090", "--debug"})).isFalse();
    }

    @Test
    void optionsTakeTheirValueAfterASpaceOrAnEqualsSignAndSpringPropertiesPassThrough() {
        var arguments = SpringArguments.split(new String[] {"run", "--show", "create-together", "--air-date=2026-11-30",
                "--ensemble.parallelism=1", "--spring.profiles.active", "postgres", "--debug"});

        assertThat(arguments.rest()).containsExactly("run", "--show", "create-together", "--air-date=2026-11-30", "--debug");
        assertThat(arguments.properties()).containsExactly("--ensemble.parallelism=1", "--spring.profiles.active=postgres");
        assertThat(arguments.debug()).isTrue();
    }

    @Test
    void aShowThatDoesNotExistIsAnsweredFromTheJobsFolder() {
        int code = execute("run --show no-such-show --air-date 2026-12-14 --jobs src/test/resources/jobs --home " + home);

        assertThat(code).isEqualTo(2);
        assertThat(err()).startsWith("No show 'no-such-show' in " + Path.of("src/test/resources/jobs").toAbsolutePath())
                .contains("(known: [tiny-show])");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"run", "rerender", "overrides", "export --format edl"})
    void aDateThatIsNotTheAirDayIsAnsweredFromTheShowFile(String command) {
        int code = execute(command + " --show tiny-show --air-date 2026-12-15 --jobs src/test/resources/jobs --home " + home);

        assertThat(code).isEqualTo(2);
        assertThat(err()).isEqualTo("Show tiny-show airs on MONDAYs; 2026-12-15 is a TUESDAY." + System.lineSeparator());
    }

    @Test
    void unknownShowsOfTheOtherCommandsAreRefusalsWithOne() {
        assertThat(execute("schedules pause --show no-such-show --jobs src/test/resources/jobs --home " + home)).isEqualTo(1);
        assertThat(err()).startsWith("No show 'no-such-show'");
    }

    @Test
    void aMissingJobsFolderIsOneLineWithItsOwnExitCode() {
        int code = execute("run --show tiny-show --air-date 2026-12-14 --jobs " + home.resolve("no-jobs") + " --home " + home);

        assertThat(code).isEqualTo(15);
        assertThat(err()).isEqualTo("Ensemble cannot start: The jobs folder " + home.resolve("no-jobs") + " does not exist, so no "
                + "show is defined: give --jobs <the folder of show files> (or --ensemble.jobs=<dir>), or start Ensemble where jobs/ is"
                + System.lineSeparator());
    }

    @Test
    void aHomeThatIsAFileIsOneLineWithItsOwnExitCode() throws Exception {
        Path file = Files.writeString(home.resolve("not-a-folder"), "x");

        int code = execute("status --home " + file.resolve("var"));

        assertThat(code).isEqualTo(12);
        assertThat(err()).startsWith("Ensemble cannot start: The home folder " + file.resolve("var") + " cannot be used (")
                .endsWith("): give --home <a folder Ensemble may write> or set ENSEMBLE_HOME" + System.lineSeparator());
    }
}

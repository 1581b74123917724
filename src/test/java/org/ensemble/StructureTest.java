package org.ensemble;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of the code as rules that fail when a boundary is crossed: the stages hand over through tables and files,
 * never through each other's classes; the doors (CLI, console, API) stay apart; only {@code media} starts processes;
 * no package needs one that needs it back.
 */
class StructureTest {

    /** The weekly job's stages, in the order they run. */
    static final List<String> STAGES = List.of("ingest", "conform", "plan", "render", "verify", "publish");
    /** Where people and systems come in. */
    static final List<String> DOORS = List.of("cli", "console", "web");

    static JavaClasses main;

    @BeforeAll
    static void read() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.ensemble");
    }

    @Test
    void noStageUsesAnotherStagesClasses() {
        for (String stage : STAGES) {
            String[] others = STAGES.stream().filter(s -> !s.equals(stage)).map(s -> "org.ensemble." + s + "..")
                    .toArray(String[]::new);
            noClasses().that().resideInAPackage("org.ensemble." + stage + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .because("stages hand over through tables and files (DESIGN.md), so each can run on its own")
                    .check(main);
        }
    }

    @Test
    void theDoorsStayApart() {
        for (String door : DOORS) {
            String[] others = DOORS.stream().filter(s -> !s.equals(door)).map(s -> "org.ensemble." + s + "..")
                    .toArray(String[]::new);
            noClasses().that().resideInAPackage("org.ensemble." + door + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .check(main);
        }
    }

    @Test
    void onlyMediaStartsProcesses() {
        noClasses().that().resideOutsideOfPackage("org.ensemble.media..")
                .should().dependOnClassesThat().haveFullyQualifiedName(ProcessBuilder.class.getName())
                .orShould().callMethod(Runtime.class, "exec", String.class)
                .orShould().callMethod(Runtime.class, "exec", String[].class)
                .because("every external process goes through the one gateway, which kills what outlives its run")
                .check(main);
    }

    @Test
    void noPackageNeedsOneThatNeedsItBack() {
        slices().matching("org.ensemble.(*)..").should().beFreeOfCycles().check(main);
        // the application starts the command line; the command line never calls back into the application's package
        noClasses().that().resideInAPackage("org.ensemble.cli..")
                .should().dependOnClassesThat().resideInAPackage("org.ensemble")
                .because("the CLI resolves its home and jobs through org.ensemble.start, below both")
                .check(main);
        // the application's own package sits below every feature: it names none of them but the one it starts
        noClasses().that().resideInAPackage("org.ensemble")
                .should().dependOnClassesThat().resideInAnyPackage(
                        List.of("ingest", "conform", "plan", "render", "verify", "publish", "segment", "episode", "show",
                                "interchange", "console", "web", "schedule", "security").stream()
                                .map(s -> "org.ensemble." + s + "..").toArray(String[]::new))
                .check(main);
    }
}

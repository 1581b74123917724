package org.ensemble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.ensemble.EnsembleJar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's faster start, as written: ops/cds/make-archive.sh makes an archive that a command really runs from. */
class ClassDataSharingIT {

    @TempDir
    Path dir;

    @Test
    void theArchiveOfACommandsStartIsUsedByTheNextCommand() throws Exception {
        // given the archive made from the packaged jar
        Path cds = dir.resolve("cds");
        Path log = dir.resolve("log.txt");
        int made = EnsembleJar.run(List.of("bash", "ops/cds/make-archive.sh", EnsembleJar.JAR.toString(), cds.toString()), log);
        assertThat(made).as(EnsembleJar.read(log)).isZero();

        // when a command runs with it, and must map it (-Xshare:on stops the JVM when the archive does not fit)
        Path run = dir.resolve("run.txt");
        int code = EnsembleJar.run(List.of(EnsembleJar.java(), "-Xshare:on", "-XX:SharedArchiveFile=" + cds.resolve("ensemble.jsa"),
                "-Xlog:class+load=info", "-jar", cds.resolve("ensemble.jar").toString(), "version"), run);

        // then the application's own classes come from the archive
        String output = EnsembleJar.read(run);
        assertThat(code).as(output).isZero();
        assertThat(output).contains("Ensemble 0.1.0").containsPattern("org\\.ensemble\\.cli\\.Cli source: shared objects file");
    }
}

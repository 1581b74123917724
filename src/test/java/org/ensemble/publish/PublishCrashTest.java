package org.ensemble.publish;

import org.ensemble.Hashes;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.ensemble.FileTrees;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Kills a publishing process (Runtime.halt, in a child JVM) at every point publishing reaches, and after each kill
 * checks what a reader of the outbox can see; then restarts it and checks that the revision is finished exactly once.
 */
class PublishCrashTest {

    Path root;
    Path sourceR1;
    Path sourceR2;
    final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void files() throws IOException {
        root = Files.createTempDirectory("ensemble-crash");
        sourceR1 = source("r1-files", 1);
        sourceR2 = source("r2-files", 2);
    }

    @AfterEach
    void clean() {
        FileTrees.delete(root);
    }

    private Path source(String name, long seed) throws IOException {
        Path dir = Files.createDirectories(root.resolve(name));
        Random random = new Random(seed);
        for (String file : List.of("episode.mp4", "episode.edl", "captions.vtt")) {
            byte[] bytes = new byte[200_000 + random.nextInt(1000)];
            random.nextBytes(bytes);
            Files.write(dir.resolve(file), bytes);
        }
        return dir;
    }

    @Test
    void aReaderNeverSeesAHalfWrittenRevisionWhereverThePublisherIsKilledAndARestartFinishesItOnce() throws Exception {
        // the points a publication passes, as the production code reports them
        Path traced = root.resolve("traced");
        Result trace = drill(traced, 1, sourceR1, null, true);
        List<String> points = trace.out().lines().filter(l -> l.startsWith("CRASHPOINT ")).map(l -> l.substring(11)).toList();
        assertThat(points).containsExactly("staging-created", "wrote captions.vtt", "wrote episode.edl", "wrote episode.mp4",
                "wrote manifest.json", "staging-synced", "renamed", "current-switched", "marked");

        Map<String, byte[]> r1 = contents(traced.resolve("r1"));
        for (String point : points) {
            // given an episode with r1 published (a copy of the traced run's folder and its marks)
            Path episode = root.resolve("episode-" + points.indexOf(point));
            copyEpisode(traced, episode);

            // when publishing r2 is killed at this point
            Result killed = drill(episode, 2, sourceR2, point, false);
            assertThat(killed.exit()).as("killed at %s", point).isEqualTo(CrashPoint.EXIT_CODE);

            // then a reader sees only complete revisions, and current is one of them
            assertReadable(episode, point);
            assertThat(contents(episode.resolve("r1"))).as("r1 after a kill at %s", point).isEqualTo(r1);

            // and a restart finishes r2, exactly once
            Result restarted = drill(episode, 2, sourceR2, null, false);
            assertThat(restarted.exit()).as(restarted.out()).isZero();
            assertReadable(episode, point);
            assertThat(Files.readSymbolicLink(episode.resolve("current")).toString()).isEqualTo("r2");
            assertThat(Outbox.revisions(episode)).containsExactly(1, 2);
            assertThat(names(episode)).as("after restart from %s", point).allMatch(n -> n.matches("r1|r2|current"));
            assertThat(contents(episode.resolve("r1"))).isEqualTo(r1);
            Map<String, byte[]> r2 = contents(episode.resolve("r2"));
            r2.remove("manifest.json");
            assertThat(r2).isEqualTo(contents(sourceR2));
            List<String> marks = Files.readAllLines(episode.resolveSibling(episode.getFileName() + "-marks.log"));
            assertThat(marks).as("marks after restart from %s", point).containsExactly("r1", "r2");
        }
    }

    private static void copyEpisode(Path from, Path to) throws IOException {
        Files.createDirectories(to.resolve("r1"));
        for (String name : names(from.resolve("r1"))) {
            Files.copy(from.resolve("r1").resolve(name), to.resolve("r1").resolve(name));
        }
        Files.createSymbolicLink(to.resolve("current"), Files.readSymbolicLink(from.resolve("current")));
        Files.copy(from.resolveSibling(from.getFileName() + "-marks.log"), to.resolveSibling(to.getFileName() + "-marks.log"));
    }

    /** What a publishing system relies on: every r<N> complete and matching its manifest, current pointing at one. */
    private void assertReadable(Path episode, String point) throws IOException {
        for (int n : Outbox.revisions(episode)) {
            Path dir = episode.resolve("r" + n);
            assertThat(dir.resolve("manifest.json")).as("manifest of r%d after a kill at %s", n, point).isRegularFile();
            JsonNode manifest = json.readTree(dir.resolve("manifest.json").toFile());
            List<String> listed = new ArrayList<>();
            for (JsonNode f : manifest.path("files")) {
                Path file = dir.resolve(f.path("name").asString());
                listed.add(f.path("name").asString());
                assertThat(Files.size(file)).isEqualTo(f.path("bytes").asLong());
                assertThat(Hashes.sha256(file)).as("%s of r%d after a kill at %s", file.getFileName(), n, point)
                        .isEqualTo(f.path("sha256").asString());
            }
            listed.add("manifest.json");
            assertThat(names(dir)).containsExactlyInAnyOrderElementsOf(listed);
        }
        Path current = episode.resolve("current");
        assertThat(current).as("current after a kill at %s", point).exists();
        String target = Files.readSymbolicLink(current).toString();
        assertThat(target).matches("r\\d+");
        assertThat(Outbox.revisions(episode)).contains(Integer.parseInt(target.substring(1)));
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static Map<String, byte[]> contents(Path dir) throws IOException {
        Map<String, byte[]> out = new TreeMap<>() {
            @Override
            public boolean equals(Object o) {
                if (!(o instanceof Map<?, ?> other) || !keySet().equals(other.keySet())) {
                    return false;
                }
                return entrySet().stream().allMatch(e -> java.util.Arrays.equals(e.getValue(), (byte[]) other.get(e.getKey())));
            }

            @Override
            public int hashCode() {
                return keySet().hashCode();
            }
        };
        for (String name : names(dir)) {
            out.put(name, Files.readAllBytes(dir.resolve(name)));
        }
        return out;
    }

    record Result(int exit, String out) {
    }

    private static Result drill(Path episode, int revision, Path source, String crashAt, boolean trace) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path")));
        if (crashAt != null) {
            command.add("-D" + CrashPoint.PROPERTY + "=" + crashAt);
        }
        if (trace) {
            command.add("-D" + CrashPoint.TRACE + "=true");
        }
        command.addAll(List.of(CrashDrill.class.getName(), episode.toString(), Integer.toString(revision), source.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), out);
    }
}

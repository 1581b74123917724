package org.ensemble.media;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An ffmpeg command line as data: inputs with their own options, one filter graph, outputs with theirs.
 * {@link #arguments()} is a plain list, so tests compare commands without running anything.
 */
public final class FfmpegCommand {

    private final List<String> global = new ArrayList<>(List.of("-hide_banner", "-nostdin", "-y", "-nostats"));
    private final List<List<String>> inputs = new ArrayList<>();
    private String filterGraph;
    private final List<List<String>> outputs = new ArrayList<>();
    private final List<Path> outputFiles = new ArrayList<>();

    public FfmpegCommand global(String... options) {
        Collections.addAll(global, options);
        return this;
    }

    /** Adds an input; returns this for chaining. The input's index is its position in the order of calls. */
    public FfmpegCommand input(String source, String... options) {
        List<String> input = new ArrayList<>(List.of(options));
        input.add("-i");
        input.add(source);
        inputs.add(input);
        return this;
    }

    public int inputCount() {
        return inputs.size();
    }

    public FfmpegCommand filterGraph(String graph) {
        this.filterGraph = graph;
        return this;
    }

    public FfmpegCommand output(Path file, String... options) {
        List<String> output = new ArrayList<>(List.of(options));
        output.add(file.toString());
        outputs.add(output);
        outputFiles.add(file);
        return this;
    }

    /** An output that only drives part of the graph (a measurement), written nowhere: {@code -f null -}. */
    public FfmpegCommand discard(String... options) {
        List<String> output = new ArrayList<>(List.of(options));
        output.addAll(List.of("-f", "null", "-"));
        outputs.add(output);
        return this;
    }

    public List<Path> outputFiles() {
        return List.copyOf(outputFiles);
    }

    public List<String> arguments() {
        List<String> args = new ArrayList<>(global);
        inputs.forEach(args::addAll);
        if (filterGraph != null) {
            args.add("-filter_complex");
            args.add(filterGraph);
        }
        outputs.forEach(args::addAll);
        return List.copyOf(args);
    }

    public List<String> commandLine(Path ffmpeg) {
        List<String> line = new ArrayList<>();
        line.add(ffmpeg.toString());
        line.addAll(arguments());
        return line;
    }
}

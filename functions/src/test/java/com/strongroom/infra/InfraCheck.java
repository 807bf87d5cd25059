package com.strongroom.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.strongroom.local.NpmPackages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the offline Bicep check and the residency report (Node, tree-sitter-bicep) on an infra folder. */
final class InfraCheck {
    static final Path PROJECT = Path.of("").toAbsolutePath();
    static final Path INFRA = PROJECT.resolve("infra");
    private static final Path TOOL = INFRA.resolve("check");

    record Result(int exitCode, JsonNode json) {
    }

    private InfraCheck() {
    }

    static void install() {
        NpmPackages.ensureInstalled(TOOL, List.of("tree-sitter-bicep", "web-tree-sitter"), List.of("--ignore-scripts"));
    }

    static Result check(Path infra) {
        return run("check.mjs", infra);
    }

    static Result residency(Path infra) {
        return run("residency.mjs", infra);
    }

    private static Result run(String script, Path infra) {
        try {
            Process node = new ProcessBuilder("node", TOOL.resolve(script).toString(), infra.toString(), "--json")
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            byte[] out = node.getInputStream().readAllBytes();
            if (!node.waitFor(2, TimeUnit.MINUTES)) {
                node.destroyForcibly();
                throw new IllegalStateException(script + " did not finish");
            }
            return new Result(node.exitValue(), new ObjectMapper().readTree(new String(out, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A copy of the repository's infra folder (and the settings sample beside it) to break on purpose. */
    static Path copyOfInfra(Path into) throws IOException {
        Files.copy(PROJECT.resolve("local.settings.sample.json"), into.resolve("local.settings.sample.json"));
        Path target = into.resolve("infra");
        try (var files = Files.walk(INFRA)) {
            for (Path source : files.filter(p -> !p.startsWith(TOOL)).toList()) {
                Path copy = target.resolve(INFRA.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(source, copy);
                }
            }
        }
        return target;
    }
}

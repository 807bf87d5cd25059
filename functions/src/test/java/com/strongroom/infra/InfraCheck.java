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
    private static final Path VENV = TOOL.resolve(".venv");
    private static final Path CHECKOV = VENV.resolve("bin/checkov");

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

    /** Installs checkov, pinned in requirements-checkov.txt, into a virtual environment beside the check, once. */
    static void installCheckov() {
        if (Files.isExecutable(CHECKOV)) {
            return;
        }
        exec(List.of("python3", "-m", "venv", VENV.toString()), 2);
        exec(List.of(VENV.resolve("bin/pip").toString(), "install", "--quiet", "--disable-pip-version-check",
                "-r", TOOL.resolve("requirements-checkov.txt").toString()), 10);
    }

    /** checkov over an infra folder, Bicep only, offline (no download of guidelines): its JSON report. */
    static Result checkov(Path infra) {
        return exec(List.of(CHECKOV.toString(), "--directory", infra.toString(), "--framework", "bicep",
                "--output", "json", "--skip-download"), 5);
    }

    private static Result run(String script, Path infra) {
        return exec(List.of("node", TOOL.resolve(script).toString(), infra.toString(), "--json"), 2);
    }

    private static Result exec(List<String> command, int minutes) {
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " did not finish");
            }
            String text = new String(out, StandardCharsets.UTF_8).trim();
            if (!text.startsWith("{")) {
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " failed: " + text);
                }
                return new Result(0, null);
            }
            return new Result(process.exitValue(), new ObjectMapper().readTree(text));
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

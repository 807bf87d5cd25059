package com.strongroom.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Installs a folder's npm packages from its package-lock.json when they are not there yet (first run only). */
public final class NpmPackages {
    private NpmPackages() {
    }

    /**
     * Runs {@code npm ci} in {@code dir} unless every one of {@code modules} is installed. npm's output goes to
     * {@code npm-ci.log} there: a test JVM's standard output belongs to the test runner.
     */
    public static void ensureInstalled(Path dir, List<String> modules, List<String> extraArguments) {
        if (modules.stream().allMatch(m -> Files.isDirectory(dir.resolve("node_modules").resolve(m)))) {
            return;
        }
        System.err.println("Installing npm packages in " + dir.getFileName() + " (npm ci, first run only) ...");
        List<String> command = new ArrayList<>(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"));
        command.addAll(extraArguments);
        Path log = dir.resolve("npm-ci.log");
        try {
            Process npm = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(log.toFile()).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                npm.destroyForcibly();
                throw new IllegalStateException("npm ci failed in " + dir + "; see npm-ci.log there");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run npm (is Node.js installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while installing npm packages", e);
        }
    }
}

package com.strongroom.local;

import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.microsoft.azure.functions.annotation.QueueTrigger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds the function methods of the app by their annotations, as the Functions host does. */
public final class FunctionCatalog {
    public record HttpFunction(String name, Class<?> type, Method method, HttpTrigger trigger, Parameter parameter) {
    }

    public record QueueFunction(String name, Class<?> type, Method method, QueueTrigger trigger, Parameter parameter) {
    }

    private final List<HttpFunction> http = new ArrayList<>();
    private final List<QueueFunction> queue = new ArrayList<>();

    public FunctionCatalog(List<Class<?>> classes) {
        for (Class<?> type : classes) {
            for (Method method : type.getMethods()) {
                FunctionName name = method.getAnnotation(FunctionName.class);
                if (name == null) {
                    continue;
                }
                for (Parameter p : method.getParameters()) {
                    Optional.ofNullable(p.getAnnotation(HttpTrigger.class))
                            .ifPresent(t -> http.add(new HttpFunction(name.value(), type, method, t, p)));
                    Optional.ofNullable(p.getAnnotation(QueueTrigger.class))
                            .ifPresent(t -> queue.add(new QueueFunction(name.value(), type, method, t, p)));
                }
            }
        }
    }

    /** Every class of the app's {@code functions} package, read from where the compiled app lives (folder or jar). */
    public static List<Class<?>> appFunctionClasses() {
        Class<?> anchor = com.strongroom.functions.HealthFunction.class;
        String packageName = anchor.getPackageName();
        try {
            Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(location)) {
                return classesIn(location.resolve(packageName.replace('.', '/')), packageName);
            }
            try (FileSystem jar = FileSystems.newFileSystem(location)) {
                return classesIn(jar.getPath(packageName.replace('.', '/')), packageName);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the function classes", e);
        }
    }

    private static List<Class<?>> classesIn(Path dir, String packageName) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Class<?>> classes = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String simple = file.getFileName().toString().replace(".class", "");
                classes.add(Class.forName(packageName + "." + simple));
            }
            return classes;
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("cannot load a function class", e);
        }
    }

    public List<HttpFunction> http() {
        return List.copyOf(http);
    }

    public List<QueueFunction> queue() {
        return List.copyOf(queue);
    }
}

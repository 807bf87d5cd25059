package com.strongroom.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Crashes a use case at a step boundary: a port wrapped here throws {@link Crash} before the armed call does anything.
 * {@code Crash} is an {@link Error}, so no {@code catch (RuntimeException)} in the code under test runs its cleanup:
 * what is left is what a process that died at that moment leaves.
 */
public final class CrashPoints {
    /** The process "dies" here. */
    public static final class Crash extends Error {
        Crash(String step) {
            super("crash before " + step);
        }
    }

    private final Set<String> armed = ConcurrentHashMap.newKeySet();

    /** Arms one crash before the next call of {@code step}, named {@code Port.method} (e.g. {@code ContentStore.commit}). */
    public void arm(String step) {
        armed.add(step);
    }

    public <T> T around(Class<T> port, T target) {
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, method, args) -> {
            String step = port.getSimpleName() + "." + method.getName();
            if (armed.remove(step)) {
                throw new Crash(step);
            }
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }
}

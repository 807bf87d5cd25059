package com.strongroom.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Crashes a use case at a step boundary: a port wrapped here throws {@link Crash} before the armed call does anything.
 * {@code Crash} is an {@link Error}, so no {@code catch (RuntimeException)} in the code under test runs its cleanup:
 * what is left is what a process that died at that moment leaves.
 */
public final class CrashPoints {
    /** The process "dies" here. */
    public static final class Crash extends Error {
        Crash(String step) {
            super("crash at " + step);
        }
    }

    private final Map<String, AtomicInteger> armed = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> armedAfter = new ConcurrentHashMap<>();
    private final AtomicInteger crashes = new AtomicInteger();

    /** Arms one crash before the next call of {@code step}, named {@code Port.method} (e.g. {@code ContentStore.commit}). */
    public void arm(String step) {
        arm(step, 1);
    }

    /** Arms one crash before the {@code nth} call of {@code step} from now. */
    public void arm(String step, int nth) {
        armed.put(step, new AtomicInteger(nth));
    }

    /** Arms one crash right after the {@code nth} call of {@code step} from now has done its work. */
    public void armAfter(String step, int nth) {
        armedAfter.put(step, new AtomicInteger(nth));
    }

    /** Arms one crash before the {@code nth} call of {@code step} from now or, {@code after}, right after it. */
    public void arm(String step, int nth, boolean after) {
        if (after) {
            armAfter(step, nth);
        } else {
            arm(step, nth);
        }
    }

    /** How many armed crashes have happened. */
    public int crashes() {
        return crashes.get();
    }

    /** True while an armed crash has not happened yet. */
    public boolean armed(String step) {
        return armed.containsKey(step);
    }

    public <T> T around(Class<T> port, T target) {
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, method, args) -> {
            String step = port.getSimpleName() + "." + method.getName();
            AtomicInteger countdown = armed.get(step);
            if (countdown != null && countdown.decrementAndGet() == 0) {
                armed.remove(step);
                crashes.incrementAndGet();
                throw new Crash(step);
            }
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            AtomicInteger after = armedAfter.get(step);
            if (after != null && after.decrementAndGet() == 0) {
                armedAfter.remove(step);
                crashes.incrementAndGet();
                throw new Crash("after " + step);
            }
            return result;
        }));
    }
}

package com.strongroom.app;

import java.util.function.Supplier;

/**
 * Builds a client once, on first use, and shares it. A failed build is not remembered, so a dependency that
 * is down at cold start does not keep the process from serving once it comes back.
 */
final class Lazy<T> implements Supplier<T> {
    private final Supplier<T> factory;
    private volatile T value;

    Lazy(Supplier<T> factory) {
        this.factory = factory;
    }

    @Override
    public T get() {
        T current = value;
        if (current == null) {
            synchronized (this) {
                current = value;
                if (current == null) {
                    current = factory.get();
                    value = current;
                }
            }
        }
        return current;
    }
}

package com.strongroom.local;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.microsoft.azure.functions.annotation.QueueTrigger;
import com.strongroom.app.Strongroom;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Binds a function method's parameters the way the Java worker does, and calls it on a shared instance. */
final class FunctionInvoker {
    private final Strongroom app;
    private final Map<Class<?>, Object> instances = new ConcurrentHashMap<>();

    FunctionInvoker(Strongroom app) {
        this.app = app;
    }

    /**
     * @param trigger  the trigger's value (the request, or the queue message's content)
     * @param bindings route values or queue message metadata, by binding name
     */
    Object invoke(Class<?> type, Method method, Object trigger, Map<String, Object> bindings,
                  ExecutionContext context) throws Exception {
        Parameter[] parameters = method.getParameters();
        Object[] args = new Object[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            Parameter p = parameters[i];
            if (p.isAnnotationPresent(HttpTrigger.class) || p.isAnnotationPresent(QueueTrigger.class)
                    || HttpRequestMessage.class.isAssignableFrom(p.getType())) {
                args[i] = trigger;
            } else if (ExecutionContext.class.isAssignableFrom(p.getType())) {
                args[i] = context;
            } else if (p.isAnnotationPresent(BindingName.class)) {
                String name = p.getAnnotation(BindingName.class).value();
                if (!bindings.containsKey(name)) {
                    // The worker fails the invocation when a @BindingName names no route value or metadata
                    // (RpcHttpRequestDataSource / BindingDataStore.getTriggerMetatDataByName).
                    throw new HostBinding.BindingFailure("no binding data named " + name);
                }
                args[i] = convert(bindings.get(name), p.getType());
            }
        }
        try {
            return method.invoke(instances.computeIfAbsent(type, this::instantiate), args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    private Object instantiate(Class<?> type) {
        try {
            try {
                Constructor<?> withApp = type.getConstructor(Strongroom.class);
                return withApp.newInstance(app);
            } catch (NoSuchMethodException e) {
                return type.getConstructor().newInstance();
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + type.getName(), e);
        }
    }

    private static Object convert(Object value, Class<?> type) {
        if (value == null || type.isInstance(value)) {
            return value;
        }
        String text = value.toString();
        if (type == long.class || type == Long.class) {
            return Long.parseLong(text);
        }
        if (type == int.class || type == Integer.class) {
            return Integer.parseInt(text);
        }
        return text;
    }
}

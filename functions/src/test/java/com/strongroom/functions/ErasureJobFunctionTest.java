package com.strongroom.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import org.junit.jupiter.api.Test;
import java.lang.reflect.Method;
import java.nio.file.Path;

/**
 * The job marks a request failed on the host's last delivery, so it must know the count the host gives up at, and
 * read each delivery's count from the trigger's {@code DequeueCount} metadata (Azure Functions docs, "Azure Queue
 * storage trigger", section Message metadata: DequeueCount, "the number of times this message has been dequeued").
 */
class ErasureJobFunctionTest {
    @Test
    void theLastDeliveryIsTheOneHostJsonAllows() throws Exception {
        int hostMax = new ObjectMapper().readTree(Path.of("host.json").toFile())
                .at("/extensions/queues/maxDequeueCount").asInt();
        assertEquals(hostMax, ErasureJobFunction.MAX_DEQUEUE_COUNT);
    }

    @Test
    void eachDeliveryReadsItsCountFromTheTriggersMetadata() throws Exception {
        Method run = ErasureJobFunction.class.getMethod("run", String.class, long.class, ExecutionContext.class);
        assertEquals("DequeueCount", run.getParameters()[1].getAnnotation(BindingName.class).value());
    }
}

package com.strongroom.bench;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import java.util.Optional;
import java.util.Random;

/**
 * Benchmark only: answers a range's worth of bytes from memory, so the end-to-end benchmark can time the local host
 * and its client alone (no storage, no keys, no decryption) in the same run as the app's downloads.
 */
public final class FixedBytesFunction {
    static final int BYTES = 16 * 1024 * 1024;
    private static final byte[] BODY = new byte[BYTES];

    static {
        new Random(3).nextBytes(BODY);
    }

    @FunctionName("benchFixedBytes")
    public HttpResponseMessage bytes(@HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "bench/bytes",
            authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
                                     ExecutionContext context) {
        return request.createResponseBuilder(HttpStatus.OK).header("Content-Type", "application/octet-stream")
                .body(BODY).build();
    }
}

package com.strongroom.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.strongroom.app.Strongroom;
import java.util.Optional;

/**
 * {@code GET /api/signing-keys} (anyone): the stamp's public signing keys as a JWKS, so erasure receipts and audit
 * checkpoints verify offline with any JOSE library.
 */
public final class SigningKeysFunction {
    private final Strongroom app;

    public SigningKeysFunction() {
        this(Strongroom.fromEnvironment());
    }

    public SigningKeysFunction(Strongroom app) {
        this.app = app;
    }

    @FunctionName("signingKeys")
    public HttpResponseMessage signingKeys(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "signing-keys",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            ExecutionContext context) {
        return request.createResponseBuilder(HttpStatus.OK).header("Content-Type", "application/jwk-set+json")
                .header("Cache-Control", "public, max-age=3600").body(app.signingKeys()).build();
    }
}

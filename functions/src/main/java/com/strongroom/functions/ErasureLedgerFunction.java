package com.strongroom.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.strongroom.app.Strongroom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@code POST /api/erasure-ledger/replay} (Platform.Admin, the restore runbook): erases again what a restore brought back. */
public final class ErasureLedgerFunction {
    private final Strongroom app;
    private final HttpExchange http;

    public ErasureLedgerFunction() {
        this(Strongroom.fromEnvironment());
    }

    public ErasureLedgerFunction(Strongroom app) {
        this.app = app;
        this.http = new HttpExchange(app.authenticator(), app.accessControl());
    }

    @FunctionName("replayErasureLedgerNow")
    public HttpResponseMessage replayLedger(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = "erasure-ledger/replay",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            ExecutionContext context) {
        return http.handle(request, context, app.erasure().replayLedger().operation(), caller -> {
            var outcome = app.erasure().replayLedger().handle(caller, context.getInvocationId());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("entries", outcome.entries());
            body.put("erasedAgain", outcome.reErased());
            return Reply.ok(body);
        });
    }
}

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
import com.strongroom.core.error.StrongroomException;
import com.strongroom.core.health.CheckHealth;
import com.strongroom.core.model.Caller;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** {@code GET /api/health}: open to anyone; names no tenant and no secret. */
public final class HealthFunction {
    private final Strongroom app;

    public HealthFunction() {
        this(Strongroom.fromEnvironment());
    }

    public HealthFunction(Strongroom app) {
        this.app = app;
    }

    @FunctionName("health")
    public HttpResponseMessage health(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "health",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            ExecutionContext context) {
        CheckHealth.Report report = app.checkHealth().handle();
        if (!CheckHealth.showsDetails(caller(request))) {
            return report.healthy() ? HttpExchange.json(request, HttpStatus.OK, Map.of("status", "ok"))
                    : HttpExchange.problem(request, new Problem(ProblemType.DEPENDENCY_UNAVAILABLE, "unavailable",
                    request.getUri().getPath()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("region", report.region().azureName());
        body.put("version", report.version());
        body.put("checks", report.checks());
        if (report.healthy()) {
            body.put("status", "ok");
            return HttpExchange.json(request, HttpStatus.OK, body);
        }
        String failing = report.checks().entrySet().stream().filter(e -> !CheckHealth.OK.equals(e.getValue()))
                .map(Map.Entry::getKey).collect(Collectors.joining(", "));
        return HttpExchange.problem(request, new Problem(ProblemType.DEPENDENCY_UNAVAILABLE,
                "unavailable: " + failing, request.getUri().getPath(), Map.of("dependency", failing,
                "checks", report.checks(), "region", report.region().azureName(), "version", report.version())));
    }

    /** The caller, if the request carries a valid token; health never refuses one that does not. */
    private Optional<Caller> caller(HttpRequestMessage<?> request) {
        Optional<String> authorization = HttpExchange.header(request, "Authorization");
        if (authorization.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(app.authenticator().authenticate(authorization));
        } catch (StrongroomException e) {
            return Optional.empty();
        }
    }
}

package com.strongroom.local;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/** A request as the Java worker hands it over: headers with lower-case names, the body already read. */
public final class LocalHttpRequest<T> implements HttpRequestMessage<T> {
    private final URI uri;
    private final HttpMethod method;
    private final Map<String, String> headers;
    private final Map<String, String> query;
    private final T body;

    public LocalHttpRequest(URI uri, HttpMethod method, Map<String, String> headers, Map<String, String> query, T body) {
        this.uri = uri;
        this.method = method;
        this.headers = Map.copyOf(headers);
        this.query = Map.copyOf(query);
        this.body = body;
    }

    @Override
    public URI getUri() {
        return uri;
    }

    @Override
    public HttpMethod getHttpMethod() {
        return method;
    }

    @Override
    public Map<String, String> getHeaders() {
        return headers;
    }

    @Override
    public Map<String, String> getQueryParameters() {
        return query;
    }

    @Override
    public T getBody() {
        return body;
    }

    @Override
    public HttpResponseMessage.Builder createResponseBuilder(HttpStatus status) {
        return new Response.Builder(status);
    }

    @Override
    public HttpResponseMessage.Builder createResponseBuilder(HttpStatusType status) {
        return new Response.Builder(status);
    }

    /** The response a function builds. */
    public record Response(HttpStatusType status, Map<String, String> headers, Object body)
            implements HttpResponseMessage {
        @Override
        public HttpStatusType getStatus() {
            return status;
        }

        @Override
        public int getStatusCode() {
            return status.value();
        }

        @Override
        public String getHeader(String key) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(key))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }

        @Override
        public Object getBody() {
            return body;
        }

        static final class Builder implements HttpResponseMessage.Builder {
            private HttpStatusType status;
            private final Map<String, String> headers = new LinkedHashMap<>();
            private Object body;

            Builder(HttpStatusType status) {
                this.status = status;
            }

            @Override
            public HttpResponseMessage.Builder status(HttpStatusType status) {
                this.status = status;
                return this;
            }

            @Override
            public HttpResponseMessage.Builder header(String key, String value) {
                headers.put(key, value);
                return this;
            }

            @Override
            public HttpResponseMessage.Builder body(Object body) {
                this.body = body;
                return this;
            }

            @Override
            public HttpResponseMessage build() {
                return new Response(status, Map.copyOf(headers), body);
            }
        }
    }
}

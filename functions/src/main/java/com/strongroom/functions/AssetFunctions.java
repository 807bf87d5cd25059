package com.strongroom.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.strongroom.app.Strongroom;
import com.strongroom.core.asset.DownloadAsset;
import com.strongroom.core.asset.ListAssets;
import com.strongroom.core.asset.StartUpload;
import com.strongroom.core.asset.UploadAsset;
import com.strongroom.core.limits.InFlightBytes;
import com.strongroom.core.model.Asset;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.TenantId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The asset routes: one-request upload, list and find, metadata, content, change and delete. */
public final class AssetFunctions {
    /**
     * The largest one-request upload: the host would take 100 MB, but each body is held about six times on an
     * instance while it is handled (docs/platform.md); larger files use the resumable upload.
     */
    static final long MAX_REQUEST_BYTES = StartUpload.MAX_PART_BYTES;

    private final Strongroom app;
    private final HttpExchange http;

    public AssetFunctions() {
        this(Strongroom.fromEnvironment());
    }

    public AssetFunctions(Strongroom app) {
        this.app = app;
        this.http = new HttpExchange(app.authenticator(), app.accessControl());
    }

    @FunctionName("uploadAsset")
    public HttpResponseMessage upload(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = "tenants/{tenantId}/assets",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<byte[]>> request,
            @BindingName("tenantId") String tenantId, ExecutionContext context) {
        return http.handle(request, context, app.assets().upload().operation(), caller -> {
            try (InFlightBytes.Lease lease = app.inFlight().lease()) {
                Asset asset = app.assets().upload().handle(caller, TenantId.of(tenantId),
                        () -> uploadCommand(request, TenantId.of(tenantId), lease), context.getInvocationId());
                return Reply.created(location(asset), AssetViews.AssetView.of(asset),
                        Map.of("ETag", AssetViews.etag(asset.version())));
            }
        });
    }

    /** Read only once the caller is authorised: the body, its name and type, and the subjects header. */
    private static UploadAsset.Command uploadCommand(HttpRequestMessage<Optional<byte[]>> request, TenantId tenant,
                                                     InFlightBytes.Lease lease) {
        UploadBody body = UploadBody.read(request, MAX_REQUEST_BYTES, lease);
        List<String> subjects = HttpExchange.header(request, "X-Asset-Subjects").map(v -> Arrays.stream(
                v.split(",")).map(s -> AssetViews.decodeHeader(s.strip(), "X-Asset-Subjects")).toList())
                .orElse(List.of());
        return new UploadAsset.Command(tenant, encodedHeader(request, "X-Asset-Name").or(body::fileName).orElse(null),
                encodedHeader(request, "X-Asset-Content-Type").or(body::contentType).orElse(null), subjects,
                body.content());
    }

    @FunctionName("listAssets")
    public HttpResponseMessage list(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "tenants/{tenantId}/assets",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("tenantId") String tenantId, ExecutionContext context) {
        return http.handle(request, context, app.assets().list().operation(), caller -> {
            QueryParameters query = new QueryParameters(request.getQueryParameters());
            var listQuery = new ListAssets.Query(TenantId.of(tenantId), query.text("subject"),
                    query.integer("pageSize").orElse(ListAssets.DEFAULT_PAGE_SIZE), query.text("continuation"));
            return Reply.ok(AssetViews.AssetPage.of(app.assets().list().handle(caller, listQuery,
                    context.getInvocationId())));
        });
    }

    @FunctionName("getAsset")
    public HttpResponseMessage get(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "tenants/{tenantId}/assets/{assetId}",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("tenantId") String tenantId, @BindingName("assetId") String assetId,
            ExecutionContext context) {
        return http.handle(request, context, app.assets().read().operation(), caller -> {
            var read = app.assets().read().handle(caller, TenantId.of(tenantId), AssetId.of(assetId),
                    context.getInvocationId());
            return Reply.ok(AssetViews.AssetView.of(read.asset(), read.digestShown()),
                    Map.of("ETag", AssetViews.etag(read.asset().version())));
        });
    }

    @FunctionName("downloadAsset")
    public HttpResponseMessage download(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET},
                    route = "tenants/{tenantId}/assets/{assetId}/content",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("tenantId") String tenantId, @BindingName("assetId") String assetId,
            ExecutionContext context) {
        return http.handle(request, context, app.assets().download().operation(), caller -> {
            var command = new DownloadAsset.Command(TenantId.of(tenantId), AssetId.of(assetId),
                    HttpExchange.header(request, "Range").map(ByteRanges::parse));
            try (InFlightBytes.Lease lease = app.inFlight().lease()) {
                return ByteRanges.reply(app.assets().download().handle(caller, command, lease,
                        context.getInvocationId()));
            }
        });
    }

    @FunctionName("updateAsset")
    public HttpResponseMessage update(
            @HttpTrigger(name = "request", methods = {HttpMethod.PATCH}, route = "tenants/{tenantId}/assets/{assetId}",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("tenantId") String tenantId, @BindingName("assetId") String assetId,
            ExecutionContext context) {
        return http.handle(request, context, app.assets().update().operation(), caller -> {
            var command = AssetViews.patch(TenantId.of(tenantId), AssetId.of(assetId),
                    HttpExchange.json(request, JsonNode.class), HttpExchange.header(request, "If-Match"));
            Asset asset = app.assets().update().handle(caller, command, context.getInvocationId());
            return Reply.ok(AssetViews.AssetView.of(asset), Map.of("ETag", AssetViews.etag(asset.version())));
        });
    }

    @FunctionName("deleteAsset")
    public HttpResponseMessage delete(
            @HttpTrigger(name = "request", methods = {HttpMethod.DELETE}, route = "tenants/{tenantId}/assets/{assetId}",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("tenantId") String tenantId, @BindingName("assetId") String assetId,
            ExecutionContext context) {
        return http.handle(request, context, app.assets().delete().operation(), caller -> {
            app.assets().delete().handle(caller, TenantId.of(tenantId), AssetId.of(assetId), context.getInvocationId());
            return Reply.noContent();
        });
    }

    private static Optional<String> encodedHeader(HttpRequestMessage<?> request, String name) {
        return HttpExchange.header(request, name).map(v -> AssetViews.decodeHeader(v, name));
    }

    static String location(Asset asset) {
        return "/api/tenants/" + asset.tenantId() + "/assets/" + asset.id();
    }
}

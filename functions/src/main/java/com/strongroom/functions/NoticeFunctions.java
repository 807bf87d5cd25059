package com.strongroom.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.strongroom.app.Strongroom;
import com.strongroom.core.access.Operation;
import com.strongroom.core.model.NoticeId;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.notice.TenantNotices;
import java.util.Optional;

/**
 * The notifier's routes: a tenant's contacts (Tenant.Admin, Platform.Admin), what a tenant was told (Tenant.Admin),
 * the retry of a notice that failed, and maintenance notices (Platform.Admin).
 */
public final class NoticeFunctions {
    private final Strongroom app;
    private final HttpExchange http;

    public NoticeFunctions() {
        this(Strongroom.fromEnvironment());
    }

    public NoticeFunctions(Strongroom app) {
        this.app = app;
        this.http = new HttpExchange(app.authenticator(), app.accessControl());
    }

    @FunctionName("getContacts")
    public HttpResponseMessage getContacts(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "tenants/{tenantId}/contacts",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("tenantId") String tenantId, ExecutionContext context) {
        return http.handle(request, context, Operation.CONTACTS_READ, caller -> Reply.ok(NoticeViews.contacts(
                app.notices().contacts().read(caller, TenantId.of(tenantId), context.getInvocationId()))));
    }

    @FunctionName("putContacts")
    public HttpResponseMessage putContacts(
            @HttpTrigger(name = "request", methods = {HttpMethod.PUT}, route = "tenants/{tenantId}/contacts",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("tenantId") String tenantId, ExecutionContext context) {
        return http.handle(request, context, Operation.CONTACTS_WRITE, caller -> {
            var contacts = HttpExchange.json(request, NoticeViews.ContactsRequest.class).toContacts();
            return Reply.ok(NoticeViews.contacts(app.notices().contacts().replace(caller, TenantId.of(tenantId),
                    contacts, context.getInvocationId())));
        });
    }

    @FunctionName("listNotices")
    public HttpResponseMessage listNotices(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "tenants/{tenantId}/notices",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("tenantId") String tenantId, ExecutionContext context) {
        return http.handle(request, context, Operation.NOTICES_LIST, caller -> {
            QueryParameters query = new QueryParameters(request.getQueryParameters());
            var paging = new TenantNotices.Paging(query.integer("pageSize").orElse(TenantNotices.DEFAULT_PAGE_SIZE),
                    query.text("continuation"));
            return Reply.ok(NoticeViews.listing(app.notices().notices().list(caller, TenantId.of(tenantId), paging,
                    context.getInvocationId())));
        });
    }

    @FunctionName("retryNotice")
    public HttpResponseMessage retryNotice(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = "tenants/{tenantId}/notices/{noticeId}/retry",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("tenantId") String tenantId, @BindingName("noticeId") String noticeId,
            ExecutionContext context) {
        return http.handle(request, context, Operation.NOTICE_RETRY, caller -> Reply.accepted(NoticeViews.notice(
                app.notices().notices().retry(caller, TenantId.of(tenantId), NoticeId.of(noticeId),
                        context.getInvocationId()))));
    }

    @FunctionName("announceMaintenance")
    public HttpResponseMessage announceMaintenance(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = "maintenance-notices",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            ExecutionContext context) {
        return http.handle(request, context, Operation.MAINTENANCE_ANNOUNCE, caller -> {
            var command = HttpExchange.json(request, NoticeViews.MaintenanceRequest.class).toCommand();
            return Reply.accepted(NoticeViews.announced(app.notices().maintenance().announce(caller, command,
                    context.getInvocationId())));
        });
    }
}

package com.strongroom.functions;

import com.strongroom.core.export.Exports;
import com.strongroom.core.model.Export;
import com.strongroom.core.model.TenantId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** JSON shapes of the export routes. */
final class ExportViews {
    private ExportViews() {
    }

    /** The body of {@code POST /tenants/{t}/exports}, if one is sent: an empty object; unknown members are refused. */
    record NewExport() {
    }

    /** The body of {@code POST /tenants/{t}/subject-exports}; unknown members are refused. */
    record NewSubjectExport(List<String> subjects, String reference) {
        Exports.SubjectCommand toCommand(TenantId tenant) {
            return new Exports.SubjectCommand(tenant, subjects, Optional.ofNullable(reference));
        }
    }

    static String location(Export export) {
        return "/api/tenants/" + export.tenantId() + "/" + (export.ofSubject() ? Exports.Kind.SUBJECT
                : Exports.Kind.TENANT).segment() + "/" + export.id();
    }

    static Map<String, Object> export(Export export) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", export.id().value());
        view.put("tenantId", export.tenantId().value());
        view.put("kind", export.ofSubject() ? "data-subject" : "tenant");
        export.subjects().ifPresent(s -> {
            view.put("subjectCount", s.index().size());
            s.reference().ifPresent(r -> view.put("reference", r));
        });
        view.put("state", export.state().name().toLowerCase(Locale.ROOT));
        view.put("requestedAt", export.requestedAt().toString());
        view.put("requestedBy", export.requestedBy());
        view.put("expiresAt", export.expiresAt().toString());
        Map<String, Object> progress = new LinkedHashMap<>();
        progress.put("assetsDone", export.progress().assetsDone());
        progress.put("assetsTotal", export.progress().assetsTotal());
        progress.put("bytesDone", export.progress().bytesDone());
        view.put("progress", progress);
        export.content().ifPresent(p -> {
            Map<String, Object> content = new LinkedHashMap<>();
            content.put("href", location(export) + "/content");
            content.put("length", p.length());
            content.put("contentType", "application/zip");
            content.put("assets", p.assets());
            content.put("payloadBytes", p.payloadBytes());
            view.put("package", content);
        });
        export.failure().ifPresent(f -> view.put("failure", f));
        view.put("updatedAt", export.updatedAt().toString());
        return view;
    }

    static Map<String, Object> listing(List<Export> exports) {
        return Map.of("exports", exports.stream().map(ExportViews::export).toList());
    }

    static Reply content(Exports.Content content) {
        Export export = content.export();
        long length = export.content().orElseThrow().length();
        Map<String, String> entity = new LinkedHashMap<>();
        entity.put("Content-Type", "application/zip");
        entity.put("Content-Disposition", "attachment; filename=\"strongroom-export-" + export.id() + ".zip\"");
        entity.put("ETag", "\"" + export.id() + "-" + length + "\"");
        return ByteRanges.reply(content.bytes(), content.first(), length, content.partial(), entity);
    }
}

package com.strongroom.adapters.cosmos;

import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.models.PartitionKey;
import com.azure.cosmos.models.SqlQuerySpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.strongroom.core.error.ConflictException;
import com.strongroom.core.error.Dependency;
import com.strongroom.core.error.PreconditionFailedException;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.Incident;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.IncidentStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/** The stamp's incident register in the {@code incidents} container (partition key {@code /id}); the version is the ETag. */
public final class CosmosIncidentStore implements IncidentStore {
    public static final String CONTAINER = "incidents";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<CosmosContainer> container;

    public CosmosIncidentStore(Supplier<CosmosContainer> container) {
        this.container = container;
    }

    @Override
    public Incident create(Incident incident) {
        String etag = CosmosFailures.createNew(Dependency.COSMOS, container.get(), toDocument(incident),
                new PartitionKey(incident.id()), () -> new ConflictException("incident " + incident.id() + " exists"));
        return incident.withVersion(etag);
    }

    @Override
    public Optional<Incident> find(String id) {
        return CosmosFailures.readIfExists(Dependency.COSMOS, container.get(), id, new PartitionKey(id))
                .map(response -> fromDocument(response.getItem(), response.getETag()));
    }

    @Override
    public Incident replace(Incident incident) {
        String etag = CosmosFailures.replaceIfMatch(Dependency.COSMOS, container.get(), toDocument(incident),
                incident.id(), new PartitionKey(incident.id()), incident.version())
                .orElseThrow(() -> new PreconditionFailedException("the incident changed since it was read"));
        return incident.withVersion(etag);
    }

    @Override
    public Page list(int pageSize, Optional<String> continuation) {
        SqlQuerySpec query = new SqlQuerySpec("SELECT * FROM c ORDER BY c.declaredAt DESC");
        CosmosPaging.Page<Incident> page = CosmosPaging.crossPartition(Dependency.COSMOS, container.get(), query,
                pageSize, continuation, doc -> fromDocument(doc, doc.path("_etag").asText("")));
        return new Page(page.items(), page.continuation());
    }

    private static ObjectNode toDocument(Incident i) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("id", i.id());
        doc.put("title", i.title());
        ArrayNode nature = doc.putArray("nature");
        i.nature().stream().map(Enum::name).sorted().forEach(nature::add);
        doc.put("description", i.description());
        doc.put("detectedAt", i.detectedAt().toString());
        doc.put("windowFrom", i.windowFrom().toString());
        doc.put("windowTo", i.windowTo().toString());
        ObjectNode scope = doc.putObject("scope");
        i.scope().actors().forEach(scope.withArray("actors")::add);
        i.scope().tenants().forEach(t -> scope.withArray("tenants").add(t.value()));
        i.scope().assets().forEach(a -> scope.withArray("assets").add(a.value()));
        i.scope().actions().forEach(scope.withArray("actions")::add);
        doc.put("keysExposed", i.keysExposed());
        doc.put("likelyConsequences", i.likelyConsequences());
        doc.put("measures", i.measures());
        doc.put("contact", i.contact());
        doc.put("declaredAt", i.declaredAt().toString());
        doc.put("declaredBy", i.declaredBy());
        ArrayNode affected = doc.putArray("affected");
        i.affected().forEach(a -> affected.addObject().put("tenantId", a.tenantId().value()).put("events", a.events())
                .put("records", a.records()).put("subjects", a.subjects()));
        ArrayNode updates = doc.putArray("updates");
        i.updates().forEach(u -> updates.addObject().put("sequence", u.sequence()).put("text", u.text())
                .put("at", u.at().toString()).put("by", u.by()));
        i.notifiedAt().ifPresent(at -> doc.put("notifiedAt", at.toString()));
        i.closedAt().ifPresent(at -> doc.put("closedAt", at.toString()));
        return doc;
    }

    private static Incident fromDocument(JsonNode doc, String etag) {
        Set<Incident.Nature> nature = EnumSet.noneOf(Incident.Nature.class);
        doc.path("nature").forEach(n -> nature.add(Incident.Nature.valueOf(n.asText())));
        JsonNode scope = doc.path("scope");
        Incident.Scope parsedScope = new Incident.Scope(strings(scope.path("actors"), Function.identity()),
                strings(scope.path("tenants"), TenantId::of), strings(scope.path("assets"), AssetId::of),
                strings(scope.path("actions"), Function.identity()));
        List<Incident.Affected> affected = new ArrayList<>();
        doc.path("affected").forEach(a -> affected.add(new Incident.Affected(TenantId.of(a.get("tenantId").asText()),
                a.get("events").asLong(), a.get("records").asLong(), a.get("subjects").asLong())));
        List<Incident.Update> updates = new ArrayList<>();
        doc.path("updates").forEach(u -> updates.add(new Incident.Update(u.get("sequence").asInt(),
                u.get("text").asText(), Instant.parse(u.get("at").asText()), u.get("by").asText())));
        return new Incident(doc.get("id").asText(), doc.get("title").asText(), nature, doc.get("description").asText(),
                instant(doc, "detectedAt"), instant(doc, "windowFrom"), instant(doc, "windowTo"), parsedScope,
                doc.get("keysExposed").asBoolean(), doc.get("likelyConsequences").asText(),
                doc.get("measures").asText(), doc.get("contact").asText(), instant(doc, "declaredAt"),
                doc.get("declaredBy").asText(), affected, updates,
                Optional.ofNullable(doc.get("notifiedAt")).map(n -> Instant.parse(n.asText())),
                Optional.ofNullable(doc.get("closedAt")).map(n -> Instant.parse(n.asText())), etag);
    }

    private static Instant instant(JsonNode doc, String field) {
        return Instant.parse(doc.get(field).asText());
    }

    private static <T> List<T> strings(JsonNode list, Function<String, T> map) {
        List<T> out = new ArrayList<>();
        list.forEach(n -> out.add(map.apply(n.asText())));
        return out;
    }
}

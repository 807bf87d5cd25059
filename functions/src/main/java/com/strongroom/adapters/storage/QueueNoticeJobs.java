package com.strongroom.adapters.storage;

import com.azure.storage.queue.QueueClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.strongroom.adapters.AzureFailures;
import com.strongroom.core.error.Dependency;
import com.strongroom.core.error.InvalidInputException;
import com.strongroom.core.model.GrantId;
import com.strongroom.core.model.NoticeId;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.notice.DeliverNotices;
import com.strongroom.core.port.NoticeJobs;
import java.time.Duration;
import java.util.Set;

/**
 * Notices on the {@code notifications} queue as JSON {@code {"type":"notice","tenantId","noticeId"}} (ids only; the
 * client encodes base64, as the Functions queue trigger expects). A deferred notice is queued again invisible
 * until it is due. {@link #parse} also reads the {@code consent.first-use} messages {@link QueueConsentNotices}
 * writes.
 */
public final class QueueNoticeJobs implements NoticeJobs {
    static final String NOTICE = "notice";
    /** The longest a message may stay invisible (the queue service allows 7 days). */
    private static final Duration MAX_DELAY = Duration.ofDays(7);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final QueueClient queue;

    public QueueNoticeJobs(QueueClient queue) {
        this.queue = queue;
    }

    @Override
    public void enqueue(TenantId tenant, NoticeId notice, Duration delay) {
        ObjectNode message = JSON.createObjectNode();
        message.put("type", NOTICE);
        message.put("tenantId", tenant.value());
        message.put("noticeId", notice.value());
        Duration visibility = delay.isNegative() ? Duration.ZERO : delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
        AzureFailures.call(Dependency.QUEUE, () -> queue.sendMessageWithResponse(message.toString(), visibility, null,
                null, null));
    }

    /** The job a message names; {@link InvalidInputException} for anything that is not one. */
    public static DeliverNotices.Job parse(String message) {
        JsonNode m;
        try {
            m = JSON.readTree(message);
        } catch (Exception e) {
            throw new InvalidInputException("message", "is not a notification job");
        }
        String type = m == null ? "" : m.path("type").asText("");
        if (type.equals(NOTICE) && fields(m, Set.of("type", "tenantId", "noticeId"))) {
            return new DeliverNotices.Job.Send(TenantId.of(m.get("tenantId").asText()),
                    NoticeId.of(m.get("noticeId").asText()));
        }
        if (type.equals(QueueConsentNotices.FIRST_USE) && fields(m, Set.of("type", "tenantId", "grantId", "dedupeKey"))) {
            return new DeliverNotices.Job.ConsentFirstUse(TenantId.of(m.get("tenantId").asText()),
                    GrantId.of(m.get("grantId").asText()));
        }
        throw new InvalidInputException("message", "is not a notification job");
    }

    private static boolean fields(JsonNode m, Set<String> allowed) {
        var names = m.fieldNames();
        while (names.hasNext()) {
            if (!allowed.contains(names.next())) {
                return false;
            }
        }
        return allowed.stream().filter(f -> !f.equals("dedupeKey")).allMatch(f -> m.path(f).isTextual());
    }
}

package com.strongroom.core.incident;

import com.strongroom.core.model.Incident;
import com.strongroom.core.model.TenantId;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A draft of the notification a customer (the controller) gives its supervisory authority under GDPR Art. 33(3), for
 * one affected tenant: (a) the nature of the breach with the categories and approximate numbers of data subjects and
 * records, (b) the contact, (c) the likely consequences, (d) the measures taken or proposed; and whether the affected
 * content's keys were exposed, which decides whether Art. 34(3)(a) spares telling the data subjects.
 */
public record Art33Draft(TenantId tenantId, String nature, String categories, long approximateSubjects,
                         long approximateRecords, String contact, String likelyConsequences, String measures,
                         boolean keysExposed, String encryption, Instant detectedAt, Instant notifyBy) {
    static final String CATEGORIES = "files kept in Strongroom (their content, names and metadata) and whatever "
            + "personal data those files hold";
    static final String NOT_EXPOSED = "The affected content was stored encrypted (AES-256-GCM, one key per file, "
            + "wrapped by keys held in a key vault), and those keys were not exposed: the content is unintelligible to "
            + "anyone not authorised to access it (GDPR Art. 34(3)(a)).";
    static final String EXPOSED = "Keys of the affected content were exposed: treat the content as readable by whoever "
            + "obtained them.";
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    static Art33Draft of(Incident incident, Incident.Affected affected) {
        String nature = incident.nature().stream().map(n -> n.name().toLowerCase(Locale.ROOT)).sorted()
                .collect(Collectors.joining(", ")) + " breach: " + incident.title() + ". " + incident.description();
        return new Art33Draft(affected.tenantId(), nature, CATEGORIES, affected.subjects(), affected.records(),
                incident.contact(), incident.likelyConsequences(), incident.measures(), incident.keysExposed(),
                incident.keysExposed() ? EXPOSED : NOT_EXPOSED, incident.detectedAt(), incident.notifyBy());
    }

    /** The draft as readable text, in the order of Art. 33(3). */
    public String text() {
        return "Personal data breach: facts for the notification under GDPR Art. 33(3) (draft)\n\n"
                + "Processor aware since " + UTC.format(detectedAt) + "; the 72 hours of Art. 33(1) end "
                + UTC.format(notifyBy) + ".\n\n"
                + "(a) Nature of the breach: " + nature + "\n"
                + "    Categories of personal data: " + categories + ".\n"
                + "    Approximate number of data subjects concerned: " + approximateSubjects
                + " (distinct data-subject tags on the affected files).\n"
                + "    Approximate number of personal data records concerned: " + approximateRecords + " (files).\n"
                + "(b) Contact for more information: " + contact + "\n"
                + "(c) Likely consequences: " + likelyConsequences + "\n"
                + "(d) Measures taken or proposed: " + measures + "\n\n"
                + encryption + "\n";
    }
}

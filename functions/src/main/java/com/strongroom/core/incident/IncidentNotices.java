package com.strongroom.core.incident;

import com.strongroom.core.model.Contacts;
import com.strongroom.core.model.Incident;
import com.strongroom.core.model.Notice;
import com.strongroom.core.model.NoticeId;

/** The notices an incident sends each affected tenant: only that tenant's part, to all its contacts. */
final class IncidentNotices {
    private IncidentNotices() {
    }

    static Notice first(Incident incident, Incident.Affected affected) {
        Art33Draft draft = Art33Draft.of(incident, affected);
        String text = "Strongroom, as your processor, tells you of a personal data breach that affects your tenant"
                + " (GDPR Art. 33(2)). Incident " + incident.id() + ": " + incident.title() + ".\n\n"
                + "In your tenant it concerns about " + affected.records() + " files and about "
                + affected.subjects() + " data subjects, from " + affected.events() + " recorded accesses.\n\n"
                + draft.text() + "\nThe facts above are ready for your own notification to your supervisory"
                + " authority; they are also at GET /api/tenants/" + affected.tenantId() + "/notices.";
        return new Notice(NoticeId.incident(incident.id(), 0), affected.tenantId(), Notice.Kind.INCIDENT,
                "Personal data breach affecting your tenant: " + incident.title(), text,
                Contacts.Audience.ALL_CONTACTS, incident.notifiedAt().orElse(incident.declaredAt()));
    }

    static Notice update(Incident incident, Incident.Affected affected, Incident.Update update) {
        return new Notice(NoticeId.incident(incident.id(), update.sequence()), affected.tenantId(),
                Notice.Kind.INCIDENT_UPDATE, "Update " + update.sequence() + " on the personal data breach: "
                + incident.title(), "Further information on incident " + incident.id() + " (GDPR Art. 33(4)):\n\n"
                + update.text(), Contacts.Audience.ALL_CONTACTS, update.at());
    }
}

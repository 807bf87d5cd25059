package com.strongroom.adapters.email;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.strongroom.core.model.EmailAddress;
import com.strongroom.core.port.Notifier;
import com.strongroom.testing.TestClock;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;

/** The local outbox: one RFC 5322 message per delivery, which a mail library (and so a mail client) reads back. */
class OutboxNotifierTest extends NotifierContract {
    @TempDir
    Path outbox;
    private OutboxNotifier notifier;

    @Override
    Notifier notifier() {
        if (notifier == null) {
            notifier = new OutboxNotifier(outbox, "notices@strongroom.localhost",
                    new TestClock(Instant.parse("2026-11-30T12:00:00Z")));
        }
        return notifier;
    }

    @Override
    String delivered(String deliveryId) {
        try {
            MimeMessage message = read(deliveryId);
            return message.getSubject() + "\n" + message.getContent();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private MimeMessage read(String deliveryId) throws Exception {
        try (InputStream in = Files.newInputStream(outbox.resolve(deliveryId + ".eml"))) {
            return new MimeMessage(Session.getInstance(new Properties()), in);
        }
    }

    @Test
    void theFileIsAWholeMessageToTheRecipientFromTheSenderNamingItsDelivery() throws Exception {
        String id = deliveryId();
        notifier().send(new Notifier.Email(EmailAddress.of("ada@acme.example"), "[Strongroom] Hello", "Text"), id);
        MimeMessage message = read(id);
        assertEquals("ada@acme.example", message.getAllRecipients()[0].toString());
        assertEquals("notices@strongroom.localhost", message.getFrom()[0].toString());
        assertEquals("<" + id + "@strongroom.invalid>", message.getMessageID());
        assertEquals(id, message.getHeader("X-Strongroom-Delivery")[0]);
        assertTrue(message.getContentType().startsWith("text/plain; charset=UTF-8"), message.getContentType());
        try (var files = Files.list(outbox)) {
            assertEquals(1, files.count(), "no partial file is left beside it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void sendingTheSameDeliveryAgainLeavesOneMessage() throws Exception {
        String id = deliveryId();
        Notifier.Email email = new Notifier.Email(EmailAddress.of("ada@acme.example"), "s", "t");
        notifier().send(email, id);
        notifier().send(email, id);
        try (var files = Files.list(outbox)) {
            assertEquals(1, files.count());
        }
    }
}

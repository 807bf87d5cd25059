package com.strongroom.adapters.email;

import com.strongroom.core.port.Notifier;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;

/**
 * Local mode's notifier: each email is an RFC 5322 message file, {@code <delivery id>.eml}, in an outbox folder
 * that any mail client opens. The MIME is Jakarta Mail's. A file appears whole or not at all (written beside, then
 * moved), so "accepted" means the file is there.
 */
public final class OutboxNotifier implements Notifier {
    private final Path outbox;
    private final InternetAddress sender;
    private final Clock clock;
    private final Session session = Session.getInstance(new Properties());

    public OutboxNotifier(Path outbox, String senderAddress, Clock clock) {
        try {
            this.outbox = Files.createDirectories(outbox);
            this.sender = new InternetAddress(senderAddress, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalArgumentException("not a sender address", e);
        }
        this.clock = clock;
    }

    @Override
    public String send(Email email, String deliveryId) {
        Path target = file(deliveryId);
        Path partial = outbox.resolve(deliveryId + ".partial");
        try {
            MimeMessage message = new DeliveryMessage(session, deliveryId);
            message.setFrom(sender);
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(email.to().value(), true));
            message.setSubject(email.subject(), "UTF-8");
            message.setText(email.text(), "UTF-8");
            message.setSentDate(Date.from(clock.instant()));
            message.setHeader("X-Strongroom-Delivery", deliveryId);
            message.saveChanges();
            try (OutputStream out = Files.newOutputStream(partial)) {
                message.writeTo(out);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            deleteQuietly(partial);
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            deleteQuietly(partial);
            throw new IllegalStateException("cannot build the message", e);
        }
        return deliveryId;
    }

    @Override
    public Optional<String> accepted(String deliveryId) {
        return Files.exists(file(deliveryId)) ? Optional.of(deliveryId) : Optional.empty();
    }

    private Path file(String deliveryId) {
        if (!deliveryId.matches("[0-9a-f-]{36}")) {
            throw new IllegalArgumentException("not a delivery id");
        }
        return outbox.resolve(deliveryId + ".eml");
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // A leftover partial file is never read and is overwritten on the next attempt.
        }
    }

    /** A message whose Message-ID names its delivery, so that the same delivery is the same message everywhere. */
    private static final class DeliveryMessage extends MimeMessage {
        private final String deliveryId;

        DeliveryMessage(Session session, String deliveryId) {
            super(session);
            this.deliveryId = deliveryId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", "<" + deliveryId + "@strongroom.invalid>");
        }
    }
}

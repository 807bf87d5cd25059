package com.strongroom.core.port;

import com.strongroom.core.model.EmailAddress;
import java.time.Duration;
import java.util.Optional;

/** Sends one email (Azure Communication Services in Azure, an outbox of .eml files locally). */
public interface Notifier {
    /** A plain-text email to one recipient. */
    record Email(EmailAddress to, String subject, String text) {
    }

    /**
     * Hands {@code email} to the provider under {@code deliveryId}, the provider's operation id: returns the id the
     * provider accepted it under. Throws {@link Throttled} when the provider asks to slow down (nothing was sent).
     */
    String send(Email email, String deliveryId);

    /** The operation id under which the provider accepted {@code deliveryId}, if it did. */
    Optional<String> accepted(String deliveryId);

    /** The provider refused for now (429): nothing was sent; try again after {@code retryAfter}. */
    final class Throttled extends RuntimeException {
        private final Duration retryAfter;

        public Throttled(Duration retryAfter) {
            super("the email provider asked to slow down for " + retryAfter);
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }
}

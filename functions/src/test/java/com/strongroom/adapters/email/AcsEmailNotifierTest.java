package com.strongroom.adapters.email;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.strongroom.core.error.DependencyUnavailableException;
import com.strongroom.core.model.EmailAddress;
import com.strongroom.core.port.Notifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * The Azure Communication Services adapter, through the real SDK (azure-communication-email) against a wire-level
 * stand-in of the Email REST API, as learn.microsoft.com/rest/api/communication/dataplane/email describes it:
 * send with the client's {@code Operation-Id}, status polling on {@code Operation-Location}, 429 with
 * {@code Retry-After}, 5xx.
 */
class AcsEmailNotifierTest extends NotifierContract {
    @TempDir
    static Path dir;
    private static AcsEmailStandIn acs;
    private static AcsEmailNotifier notifier;

    @BeforeAll
    static void start() {
        acs = new AcsEmailStandIn(dir);
        TokenCredential credential = request -> {
            assertEquals(AcsEmailNotifier.SCOPE, request.getScopes().get(0), "the managed identity's token is for ACS");
            return Mono.just(new AccessToken("test-token", OffsetDateTime.now().plusHours(1)));
        };
        notifier = new AcsEmailNotifier(acs.endpoint(), credential, "DoNotReply@notices.example.com",
                acs.https().trustingClient(), new ExponentialBackoffOptions().setMaxRetries(2)
                .setBaseDelay(Duration.ofMillis(10)).setMaxDelay(Duration.ofMillis(50)));
    }

    @AfterAll
    static void stop() {
        acs.close();
    }

    @AfterEach
    void heal() {
        acs.retryAfter("1");
    }

    @Override
    Notifier notifier() {
        return notifier;
    }

    @Override
    String delivered(String deliveryId) {
        var body = acs.accepted().stream().filter(a -> a.operationId().equals(deliveryId)).findFirst().orElseThrow()
                .body();
        return body.path("content").path("subject").asText() + "\n" + body.path("content").path("plainText").asText();
    }

    @Test
    void theSendCarriesTheDeliveryIdAsOperationIdAndThenPollsItsStatus() {
        String id = deliveryId();
        int polls = acs.calls("status");
        notifier.send(new Notifier.Email(EmailAddress.of("bob@acme.example"), "s", "t"), id);
        var accepted = acs.accepted().stream().filter(a -> a.operationId().equals(id)).findFirst().orElseThrow();
        assertEquals("DoNotReply@notices.example.com", accepted.body().path("senderAddress").asText());
        assertEquals("bob@acme.example", accepted.body().path("recipients").path("to").get(0).path("address").asText());
        assertTrue(accepted.body().path("userEngagementTrackingDisabled").asBoolean(), "no tracking pixels");
        assertTrue(acs.calls("status") > polls, "the poller asked for the operation's status");
    }

    @Test
    void aThrottleThatOutlastsTheRetriesIsThrottledWithTheServicesRetryAfter() {
        acs.retryAfter("0");
        acs.failNext(429, 3);
        String id = deliveryId();
        Notifier.Throttled throttled = assertThrows(Notifier.Throttled.class, () -> notifier.send(
                new Notifier.Email(EmailAddress.of("ada@acme.example"), "s", "t"), id));
        assertEquals(Duration.ofSeconds(1), throttled.retryAfter(), "at least a second when the service says 0");
        assertTrue(acs.accepted().stream().noneMatch(a -> a.operationId().equals(id)), "nothing was sent");
    }

    @Test
    void aShortThrottleIsRetriedByTheSdkAndSends() {
        acs.retryAfter("0");
        acs.failNext(429, 1);
        String id = deliveryId();
        assertEquals(id, notifier.send(new Notifier.Email(EmailAddress.of("ada@acme.example"), "s", "t"), id));
        assertEquals(1, acs.accepted().stream().filter(a -> a.operationId().equals(id)).count());
    }

    @Test
    void aServerErrorThatOutlastsTheRetriesIsADependencyFailure() {
        acs.failNext(503, 3);
        assertThrows(DependencyUnavailableException.class, () -> notifier.send(
                new Notifier.Email(EmailAddress.of("ada@acme.example"), "s", "t"), deliveryId()));
        acs.failNext(500, 3);
        assertThrows(DependencyUnavailableException.class, () -> notifier.accepted(deliveryId()));
    }
}

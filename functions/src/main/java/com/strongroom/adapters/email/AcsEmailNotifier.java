package com.strongroom.adapters.email;

import com.azure.communication.email.EmailClient;
import com.azure.communication.email.EmailClientBuilder;
import com.azure.communication.email.EmailServiceVersion;
import com.azure.communication.email.models.EmailAddress;
import com.azure.communication.email.models.EmailMessage;
import com.azure.communication.email.models.EmailSendResult;
import com.azure.core.credential.TokenCredential;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.AddHeadersFromContextPolicy;
import com.azure.core.http.policy.BearerTokenAuthenticationPolicy;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.util.Context;
import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.SyncPoller;
import com.strongroom.core.error.Dependency;
import com.strongroom.core.error.DependencyUnavailableException;
import com.strongroom.core.port.Notifier;
import java.time.Duration;
import java.util.Optional;

/**
 * Azure Communication Services Email, reached with the app's managed identity. Each send carries the delivery id as
 * its {@code Operation-Id}, so the service's operation is named by the send ledger's entry, and {@link #accepted}
 * asks the service for that operation ({@code GET /emails/operations/{id}}) to tell whether an unfinished claim was
 * sent. A 429 after the SDK's own retries (which honour {@code Retry-After}) is {@link Throttled}; a 5xx or an
 * unreachable service is a dependency failure, and the queue delivers the notice again.
 */
public final class AcsEmailNotifier implements Notifier {
    static final String SCOPE = "https://communication.azure.com//.default";
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(60);
    private static final ExponentialBackoffOptions RETRIES = new ExponentialBackoffOptions()
            .setMaxRetries(3).setBaseDelay(Duration.ofMillis(500)).setMaxDelay(Duration.ofSeconds(10));

    private final EmailClient client;
    private final HttpPipeline lookups;
    private final String endpoint;
    private final String sender;

    public AcsEmailNotifier(String endpoint, TokenCredential credential, String senderAddress) {
        this(endpoint, credential, senderAddress, null, RETRIES);
    }

    /** For a stand-in of the service: its own HTTP client (a test certificate) and quick retries. */
    AcsEmailNotifier(String endpoint, TokenCredential credential, String senderAddress, HttpClient httpClient,
                     ExponentialBackoffOptions retries) {
        this.endpoint = endpoint.replaceAll("/+$", "");
        this.sender = senderAddress;
        RetryOptions retryOptions = new RetryOptions(retries);
        this.client = new EmailClientBuilder().endpoint(this.endpoint).credential(credential)
                .retryOptions(retryOptions).httpClient(httpClient).buildClient();
        this.lookups = new HttpPipelineBuilder().httpClient(httpClient)
                .policies(new RetryPolicy(retryOptions), new BearerTokenAuthenticationPolicy(credential, SCOPE))
                .build();
    }

    @Override
    public String send(Email email, String deliveryId) {
        EmailMessage message = new EmailMessage().setSenderAddress(sender)
                .setToRecipients(new EmailAddress(email.to().value())).setSubject(email.subject())
                .setBodyPlainText(email.text()).setUserEngagementTrackingDisabled(true);
        Context operationId = new Context(AddHeadersFromContextPolicy.AZURE_REQUEST_HTTP_HEADERS_KEY,
                new HttpHeaders().set(HttpHeaderName.fromString("Operation-Id"), deliveryId));
        try {
            SyncPoller<EmailSendResult, EmailSendResult> poller = client.beginSend(message, operationId);
            PollResponse<EmailSendResult> status = poller.poll();
            return status.getValue() == null ? deliveryId : status.getValue().getId();
        } catch (HttpResponseException e) {
            throw failure(e);
        } catch (RuntimeException e) {
            throw new DependencyUnavailableException(Dependency.EMAIL, e);
        }
    }

    @Override
    public Optional<String> accepted(String deliveryId) {
        HttpRequest request = new HttpRequest(HttpMethod.GET, endpoint + "/emails/operations/" + deliveryId
                + "?api-version=" + EmailServiceVersion.getLatest().getVersion());
        try (HttpResponse response = lookups.sendSync(request, Context.NONE)) {
            int status = response.getStatusCode();
            if (status == 200) {
                return Optional.of(deliveryId);
            }
            if (status == 404) {
                return Optional.empty();
            }
            throw failure(new HttpResponseException("operation lookup answered " + status, response));
        } catch (Throttled | DependencyUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DependencyUnavailableException(Dependency.EMAIL, e);
        }
    }

    private static RuntimeException failure(HttpResponseException e) {
        HttpResponse response = e.getResponse();
        if (response != null && response.getStatusCode() == 429) {
            return new Throttled(retryAfter(response));
        }
        return new DependencyUnavailableException(Dependency.EMAIL, e);
    }

    private static Duration retryAfter(HttpResponse response) {
        String value = response.getHeaderValue(HttpHeaderName.RETRY_AFTER);
        try {
            return value == null ? DEFAULT_RETRY_AFTER : Duration.ofSeconds(Math.max(1, Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            return DEFAULT_RETRY_AFTER;
        }
    }
}

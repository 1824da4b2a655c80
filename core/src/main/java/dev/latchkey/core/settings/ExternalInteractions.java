package dev.latchkey.core.settings;

import dev.latchkey.core.audit.AuditEvent;
import dev.latchkey.core.audit.AuditTarget;
import dev.latchkey.core.audit.RefusalBuffer;
import dev.latchkey.core.common.Principal;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether an identity that authenticated in one account may interact with another account's resources, by
 * the second account's external identity interaction setting for users (decision 0034). Only users can be
 * external: a user API key authenticates in the account it was created in and may get tokens for the user's other
 * accounts; service IDs live in one account. The setting is read through {@link AccountSettingsService#tokenRules}
 * (the cached settings, no query per call); an identity acting in the account it authenticated in costs a string
 * comparison. Reported and refused interactions go to the {@link ExternalInteractionObserver}. Thread-safe.
 */
public final class ExternalInteractions {
    private static final Logger LOG = LoggerFactory.getLogger(ExternalInteractions.class);

    /** Where an interaction happened, as the observer is told. */
    public enum Where { TOKEN, REQUEST, AUTHZ }

    private final AccountSettingsService settings;
    private final ExternalInteractionObserver observer;

    public ExternalInteractions(AccountSettingsService settings, ExternalInteractionObserver observer) {
        this.settings = settings;
        this.observer = observer;
    }

    /**
     * Why {@code iamId}, authenticated in {@code authnAccountId}, may not interact with {@code accountId}; empty when
     * it may: same account (or {@code authnAccountId} null), setting {@code enabled}, the account on the allowlist,
     * or {@code monitor} (then reported).
     */
    public Optional<String> refusal(String iamId, String authnAccountId, String accountId, Where where) {
        if (authnAccountId == null || authnAccountId.equals(accountId)) {
            return Optional.empty();
        }
        ExternalInteraction rule = settings.tokenRules(accountId).externalUsers();
        if (ExternalInteraction.ENABLED.equals(rule.state()) || rule.allows(authnAccountId)) {
            return Optional.empty();
        }
        boolean refused = ExternalInteraction.LIMITED.equals(rule.state());
        observer.observe(new ExternalInteractionEvent(accountId, authnAccountId, iamId, where, rule.state(), refused));
        return refused ? Optional.of(message(authnAccountId, accountId)) : Optional.empty();
    }

    /** {@link #refusal} for the principal of a request or a {@code /v2/authz} subject. */
    public Optional<String> refusal(Principal principal, Where where) {
        return refusal(principal.iamId(), principal.authnAccountId(), principal.accountId(), where);
    }

    /** {@link #refusal} is empty. */
    public boolean admits(Principal principal, Where where) {
        return refusal(principal, where).isEmpty();
    }

    /** The refusal's text: names both accounts, nothing else. */
    public static String message(String authnAccountId, String accountId) {
        return "Account " + accountId + " limits external identity interactions: users must authenticate in it or in "
                + "an account it allows, and this identity authenticated in account " + authnAccountId
                + " (an API key created there).";
    }

    /**
     * An observer that writes one INFO line per event, with IDs only, until the audit log takes them over; the
     * logger is {@code dev.latchkey.core.settings.ExternalInteractions}.
     */
    /**
     * Records each event in the audit log of the account whose setting applied, in batches ({@link RefusalBuffer}:
     * a request is never held up by a write): {@code iam-identity.external_interaction.report} when the account
     * only reports ({@code monitor}), {@code .deny} when it refused ({@code limited}). The target is the identity;
     * the reason names where it authenticated and where it was seen.
     */
    public static ExternalInteractionObserver auditing(RefusalBuffer buffer) {
        return event -> buffer.noted(event.accountId(), event.iamId(), "iam-identity.external_interaction."
                        + (event.refused() ? "deny" : "report"), AuditTarget.of("user", event.iamId(), null),
                event.refused() ? AuditEvent.Outcome.FAILURE : AuditEvent.Outcome.SUCCESS,
                "authenticated in account " + event.authnAccountId() + ", at "
                        + event.where().name().toLowerCase(java.util.Locale.ROOT) + " (setting " + event.state() + ")");
    }

    public static ExternalInteractionObserver logging() {
        return event -> LOG.info("External identity interaction {}: {} authenticated in account {} at {} of account "
                        + "{} (setting {})", event.refused() ? "refused" : "reported", event.iamId(),
                event.authnAccountId(), event.where().name().toLowerCase(java.util.Locale.ROOT), event.accountId(),
                event.state());
    }
}

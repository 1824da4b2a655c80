package dev.latchkey.core.settings;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How identities of one type that authenticated in another account may interact with an account's resources: IBM
 * IAM Access Management's {@code IdentityTypesBase} ({@code external_account_identity_interaction.identity_types.*}).
 * {@value #ENABLED} lets them in, {@value #LIMITED} only from the account itself or from an account in
 * {@code externalAllowedAccounts}, {@value #MONITOR} lets them in but reports what {@value #LIMITED} would refuse.
 * Values are kept as sent. Immutable; a stored one's list is never null.
 */
public record ExternalInteraction(String state, List<String> externalAllowedAccounts) {
    public static final String ENABLED = "enabled";
    public static final String MONITOR = "monitor";
    public static final String LIMITED = "limited";
    public static final List<String> STATES = List.of(ENABLED, MONITOR, LIMITED);
    /** What an account that never changed the setting reads: not restricted, no allowlist. */
    public static final ExternalInteraction DEFAULT = new ExternalInteraction(ENABLED, List.of());

    /** A request's list may be null or hold nulls until {@link AccessManagementChange} has checked it. */
    public ExternalInteraction {
        externalAllowedAccounts = externalAllowedAccounts == null ? null
                : Collections.unmodifiableList(new ArrayList<>(externalAllowedAccounts));
    }

    /** True when {@value #LIMITED} would let an identity authenticated in {@code authnAccountId} in. */
    public boolean allows(String authnAccountId) {
        return externalAllowedAccounts.contains(authnAccountId);
    }
}

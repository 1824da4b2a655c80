package dev.latchkey.core.settings;

/**
 * A PATCH of IAM Access Management's account settings as the client sent it: for each identity type of
 * {@code external_account_identity_interaction.identity_types}, the new setting, or null to leave it as it is.
 * A present entry's fields are validated by {@link AccessManagementChange}.
 */
public record UpdateAccessManagementSettings(ExternalInteraction user, ExternalInteraction serviceId,
                                             ExternalInteraction service) {
}

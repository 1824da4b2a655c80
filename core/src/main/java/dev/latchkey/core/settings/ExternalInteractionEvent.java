package dev.latchkey.core.settings;

/**
 * One interaction an account's external identity interaction setting reported or refused. Holds no secret: IDs,
 * the setting's state and where it happened. Immutable.
 *
 * @param accountId       the account whose resources were asked for (whose setting applied)
 * @param authnAccountId  the account the identity authenticated in (the user API key's account)
 * @param iamId           the identity
 * @param where           the token endpoint, an API or console request, or a {@code /v2/authz} question
 * @param state           {@code monitor} (allowed, reported) or {@code limited} (refused)
 * @param refused         whether the interaction was refused
 */
public record ExternalInteractionEvent(String accountId, String authnAccountId, String iamId,
                                       ExternalInteractions.Where where, String state, boolean refused) {
}

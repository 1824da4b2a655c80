package dev.latchkey.core.identity;

import java.time.Instant;

/**
 * A user's membership of one account: who invited them (null for the account owner), whether they have accepted
 * ({@code ACTIVE}) or not yet ({@code PENDING}), and how the account knows them ({@link MemberProfile}) and what
 * it lets them do from where ({@link MemberSettings}). Only active members get tokens for the account; their
 * settings' address list applies to those tokens. {@code version} counts changes of the profile and settings, for
 * optimistic concurrency and the entity tag. Immutable.
 */
public record Membership(String accountId, String iamId, String invitedBy, String state, Instant createdAt,
                         MemberProfile profile, MemberSettings settings, long version) {
    public static final String ACTIVE = "ACTIVE";
    public static final String PENDING = "PENDING";

    public Membership {
        profile = profile == null ? MemberProfile.NONE : profile;
        settings = settings == null ? MemberSettings.DEFAULTS : settings;
    }

    /** A membership with no profile fields and the default settings. */
    public Membership(String accountId, String iamId, String invitedBy, String state, Instant createdAt) {
        this(accountId, iamId, invitedBy, state, createdAt, MemberProfile.NONE, MemberSettings.DEFAULTS, 0);
    }

    public Membership(String accountId, String iamId, String invitedBy, Instant createdAt) {
        this(accountId, iamId, invitedBy, ACTIVE, createdAt);
    }

    public boolean isActive() {
        return ACTIVE.equals(state);
    }

    /** This membership in another state, profile and settings kept. */
    public Membership withState(String newState) {
        return new Membership(accountId, iamId, invitedBy, newState, createdAt, profile, settings, version);
    }

    /** This membership with another profile and settings, one version on. */
    public Membership with(MemberProfile newProfile, MemberSettings newSettings) {
        return new Membership(accountId, iamId, invitedBy, state, createdAt, newProfile, newSettings, version + 1);
    }

    /** This membership's place in its account's listing of members (oldest first, then by {@code iam_id}). */
    public Position position() {
        return new Position(createdAt, iamId);
    }

    /**
     * Where a page of an account's members continues from (keyset paging, decision 0038): the time and
     * {@code iam_id} of the member before it.
     */
    public record Position(Instant createdAt, String iamId) {
    }
}

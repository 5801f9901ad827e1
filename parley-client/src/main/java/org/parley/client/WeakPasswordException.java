package org.parley.client;

/** A new password that {@link PasswordPolicy} refuses; {@link #reason()} says why, for a translated text. */
public final class WeakPasswordException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** Why a password was refused. */
    public enum Reason {
        TOO_SHORT("the password must have at least " + PasswordPolicy.MIN_LENGTH + " characters"),
        SAME_AS_USER("the password must not be the user name"),
        TOO_COMMON("that password is one of the most common ones; choose another");

        private final String english;

        Reason(String english) {
            this.english = english;
        }
    }

    private final Reason reason;

    public WeakPasswordException(Reason reason) {
        super(reason.english);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}

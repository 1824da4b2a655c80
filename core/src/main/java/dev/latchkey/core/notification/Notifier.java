package dev.latchkey.core.notification;

/**
 * Where features report key events. {@link NotificationService} is the implementation; {@link #NONE} is for
 * tests of other features that do not look at notifications.
 */
public interface Notifier {
    Notifier NONE = event -> "none";

    /**
     * Writes the event's notifications to the outbox. Call it inside the transaction that makes the change the
     * event reports ({@code Transactor.inTransaction}): both commit together or neither does.
     *
     * @return the event id, the same in every message of this event
     */
    String enqueue(KeyEvent event);
}

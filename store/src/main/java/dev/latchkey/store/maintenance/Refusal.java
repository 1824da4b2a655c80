package dev.latchkey.store.maintenance;

/**
 * Why a whole-database command did nothing, in one sentence for the operator (never a value from a row): a target
 * that is not empty, a row the database refused, a value that does not open. The work was rolled back.
 */
public final class Refusal extends RuntimeException {
    public Refusal(String sentence) {
        super(sentence);
    }

    Refusal(String sentence, Throwable cause) {
        super(sentence, cause);
    }
}

package dev.latchkey.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** Cells and tables that the resources' table views share. */
public final class Tables {
    private static final int DESCRIPTION_WIDTH = 40;

    private Tables() {
    }

    /** The {@code history} of an API key or a service ID, as IBM's body lists it, oldest first. */
    public static Table history(JsonNode withHistory) {
        Table table = new Table("TIMESTAMP", "ACTION", "IAM ID", "MESSAGE");
        for (JsonNode entry : withHistory.path("history")) {
            table.add(Json.text(entry, "timestamp"), Json.text(entry, "action"), Json.text(entry, "iam_id"),
                    Json.text(entry, "message"));
        }
        return table;
    }

    /** {@code yes} or {@code no} for a JSON boolean, null (shown as {@code -}) for anything else. */
    public static String yesNo(JsonNode flag) {
        return flag.isBoolean() ? (flag.booleanValue() ? "yes" : "no") : null;
    }

    /**
     * A description cut to fit a list's column, with {@code ...} where it was cut: long ones would push every other
     * column off screen, and {@code --output json} has them whole.
     */
    public static String shorten(String text) {
        if (text == null || text.length() <= DESCRIPTION_WIDTH) {
            return text;
        }
        int cut = DESCRIPTION_WIDTH - 3;
        if (Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--; // never split a character outside the BMP
        }
        return text.substring(0, cut) + "...";
    }
}

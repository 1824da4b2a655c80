package dev.latchkey.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.console.audit.AuditLogView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Audit log page's Action select offers exactly the actions the guide's table documents
 * (docs/guide/audit-log.md, "Actions"): an action added to one is added to the other.
 */
class ConsoleAuditActionsTest {
    private static final Path GUIDE = Path.of("").toAbsolutePath().getParent().resolve("docs/guide/audit-log.md");

    /** The actions of the guide's table, its shorthand ({@code `.update`} after a full name) expanded. */
    static List<String> documented() throws IOException {
        List<String> actions = new ArrayList<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(GUIDE)) {
            if (line.startsWith("## ")) {
                inTable = line.equals("## Actions");
                continue;
            }
            if (!inTable || !line.startsWith("| `")) {
                continue;
            }
            String firstCell = line.substring(1, line.indexOf('|', 1));
            Matcher names = Pattern.compile("`([a-z_.-]+)`").matcher(firstCell);
            String last = null;
            while (names.find()) {
                String name = names.group(1);
                if (name.startsWith(".") && last != null) {
                    name = last.substring(0, last.lastIndexOf('.')) + name;
                } else if (!name.contains(".")) {
                    continue; // `system`, `failure`
                }
                last = name;
                if (!actions.contains(name)) {
                    actions.add(name);
                }
            }
        }
        return actions;
    }

    @Test
    void theActionSelectOffersEveryDocumentedActionAndNoOther() throws IOException {
        List<String> offered = AuditLogView.ACTIONS.values().stream().flatMap(List::stream).toList();
        assertThat(documented()).as("the guide's table was read").hasSizeGreaterThan(40);
        assertThat(offered).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(documented());
    }
}

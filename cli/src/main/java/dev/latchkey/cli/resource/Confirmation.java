package dev.latchkey.cli.resource;

import dev.latchkey.cli.CliException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.Charset;

/** The y/N question a delete asks on stderr; with stdin closed it refuses rather than guess. */
final class Confirmation {
    private Confirmation() {
    }

    static boolean ask(PrintWriter err, String question) {
        err.print(question + " [y/N] ");
        err.flush();
        String answer;
        try {
            // Read at call time so tests can swap stdin.
            answer = new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset())).readLine();
        } catch (IOException unreadable) {
            answer = null;
        }
        if (answer == null) {
            err.println();
            throw new CliException("use -f to delete without confirmation");
        }
        String word = answer.strip();
        return word.equalsIgnoreCase("y") || word.equalsIgnoreCase("yes");
    }
}

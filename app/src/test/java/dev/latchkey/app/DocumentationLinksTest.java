package dev.latchkey.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every link and every repository path that README.md and docs/ mention resolves inside the repository, so a clone
 * (which has nothing beside it) can follow them: markdown links with a relative target, and code-quoted paths that
 * start with one of the repository's top-level folders ({@code ...} standing for any folders in between, {@code *}
 * for part of a name). Build output ({@code target/}) is left out: it exists only after a build.
 */
class DocumentationLinksTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Pattern MARKDOWN_LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern QUOTED_PATH = Pattern.compile("`((?:\\.\\./|/work/|(?:app|bench|cli|core|docs|http|store|\\.ci)/)[^`\\s]*)`");

    @Test
    void everyLinkAndQuotedPathResolvesInsideTheRepository() throws IOException {
        assertThat(ROOT.resolve("pom.xml")).as("tests run from a module folder of the checkout").exists();
        List<String> broken = new ArrayList<>();
        for (Path doc : documents()) {
            String text = Files.readString(doc);
            collect(doc, MARKDOWN_LINK.matcher(text), broken);
            if (!doc.startsWith(ROOT.resolve("docs/reference"))) { // those quote paths in IBM's repositories
                collect(doc, QUOTED_PATH.matcher(text), broken);
            }
        }
        assertThat(broken).as("links and paths that do not resolve inside the repository").isEmpty();
    }

    @Test
    void theCheckSeesAPathThatLeavesTheRepositoryOrDoesNotExist() {
        List<String> broken = new ArrayList<>();
        Path readme = ROOT.resolve("README.md");
        collect(readme, QUOTED_PATH.matcher("see `../shared/reference/x.md` and `docs/decisions/9999-none.md`"), broken);
        collect(readme, MARKDOWN_LINK.matcher("[gone](docs/gone.md) [web](https://example.com) [here](#top)"), broken);
        assertThat(broken).hasSize(3);
    }

    private static List<Path> documents() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> walk = Files.walk(ROOT.resolve("docs"))) {
            walk.filter(p -> p.toString().endsWith(".md") || p.toString().endsWith(".yaml")).sorted().forEach(docs::add);
        }
        return docs;
    }

    private static void collect(Path doc, Matcher matcher, List<String> broken) {
        while (matcher.find()) {
            String target = matcher.group(1);
            if (target.matches("^[a-z]+:.*") || target.startsWith("#") || target.contains("/target/")) {
                continue; // a web address, an anchor in the same page, or build output (there after a build only)
            }
            if (!resolves(doc, target.replaceAll("#.*$", "").replaceAll("(.)/$", "$1"))) {
                broken.add(ROOT.relativize(doc) + ": " + target);
            }
        }
    }

    private static boolean resolves(Path doc, String target) {
        if (target.startsWith("/")) {
            return false; // an absolute path holds only on the machine it was written on
        }
        Path base = target.startsWith("./") || target.startsWith("../") ? doc.getParent() : ROOT;
        int wildcard = wildcard(target);
        if (wildcard < 0) {
            Path p = base.resolve(target).normalize();
            return p.startsWith(ROOT) && Files.exists(p);
        }
        // app/.../Wiring.java or docs/decisions/*.md: some file under the fixed folder matches the pattern
        Path start = base.resolve(target.substring(0, target.lastIndexOf('/', wildcard) + 1)).normalize();
        Pattern pattern = glob(target);
        if (!start.startsWith(ROOT) || !Files.isDirectory(start)) {
            return false;
        }
        try (Stream<Path> walk = Files.walk(start)) {
            return walk.map(p -> base.relativize(p).toString()).anyMatch(p -> pattern.matcher(p).matches());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code ...} stands for any folders, {@code *} for any part of one name. */
    private static Pattern glob(String target) {
        StringBuilder regex = new StringBuilder();
        for (String part : target.split("(?=\\.\\.\\.)|(?<=\\.\\.\\.)|(?=\\*)|(?<=\\*)")) {
            regex.append(part.equals("...") ? ".*" : part.equals("*") ? "[^/]*" : Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }

    private static int wildcard(String target) {
        int dots = target.indexOf("...");
        int star = target.indexOf('*');
        return dots < 0 ? star : star < 0 ? dots : Math.min(dots, star);
    }
}

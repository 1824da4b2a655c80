package dev.latchkey.cli.scan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Walks files and directories and scans each text file with a {@link TokenScanner}. Inside directories it skips
 * {@code .git}, {@code target} and {@code node_modules}; everywhere it skips symbolic links (never followed),
 * special files, files over 10 MiB and binary files (a NUL byte in the first 8 KiB). Directory entries are
 * visited in name order, so output is stable. Not thread-safe; one instance per scan.
 */
public final class PathScanner {
    static final long MAX_FILE_SIZE = 10L * 1024 * 1024;
    static final int BINARY_PROBE = 8 * 1024;
    static final Set<String> SKIPPED_DIRECTORIES = Set.of(".git", "target", "node_modules");

    private final TokenScanner tokens;
    private final List<Finding> findings = new ArrayList<>();
    private final List<String> unreadable = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();

    public PathScanner(TokenScanner tokens) {
        this.tokens = tokens;
    }

    /**
     * Scans every path in order. A path named here is scanned even when its name is one that is skipped inside
     * directories, so {@code latchkey scan target/app.properties} looks at that file.
     */
    public ScanResult scan(List<Path> paths) {
        for (Path path : paths) {
            visit(path, true);
        }
        return new ScanResult(findings, unreadable, skipped);
    }

    private void visit(Path path, boolean named) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException failure) {
            unreadable.add(cannotRead(path, failure));
            return;
        }
        if (attributes.isSymbolicLink()) {
            skip(named, path, "a symbolic link (links are not followed)");
        } else if (attributes.isDirectory()) {
            if (named || !SKIPPED_DIRECTORIES.contains(String.valueOf(path.getFileName()))) {
                visitDirectory(path);
            }
        } else if (!attributes.isRegularFile()) {
            skip(named, path, "not a regular file");
        } else if (attributes.size() > MAX_FILE_SIZE) {
            skip(true, path, "larger than 10 MiB");
        } else {
            scanFile(path);
        }
    }

    private void visitDirectory(Path directory) {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            stream.forEach(entries::add);
        } catch (IOException failure) {
            unreadable.add(cannotRead(directory, failure));
            return;
        }
        entries.sort((left, right) -> left.getFileName().toString().compareTo(right.getFileName().toString()));
        for (Path entry : entries) {
            visit(entry, false);
        }
    }

    private void scanFile(Path file) {
        byte[] content;
        try (InputStream in = Files.newInputStream(file)) {
            // Read one byte past the limit: a file that grew since its size was read is still caught.
            content = in.readNBytes((int) MAX_FILE_SIZE + 1);
        } catch (IOException failure) {
            unreadable.add(cannotRead(file, failure));
            return;
        }
        if (content.length > MAX_FILE_SIZE) {
            skip(true, file, "larger than 10 MiB");
            return;
        }
        if (isBinary(content)) {
            return;
        }
        // Malformed UTF-8 becomes U+FFFD; keys are ASCII, so they survive any surrounding encoding.
        String text = new String(content, StandardCharsets.UTF_8);
        for (TokenScanner.Match match : tokens.scan(text)) {
            findings.add(new Finding(file, match.line(), match.column(), match.kind(),
                    tokens.displayPrefix(match), match.token()));
        }
    }

    private static boolean isBinary(byte[] content) {
        int probe = Math.min(content.length, BINARY_PROBE);
        for (int i = 0; i < probe; i++) {
            if (content[i] == 0) {
                return true;
            }
        }
        return false;
    }

    /** Files skipped inside a walk are expected (vendored links, devices); say so only for what the user named. */
    private void skip(boolean tell, Path path, String why) {
        if (tell) {
            skipped.add(path + ": " + why);
        }
    }

    private static String cannotRead(Path path, IOException failure) {
        String why;
        if (failure instanceof NoSuchFileException) {
            why = "no such file or directory";
        } else if (failure instanceof AccessDeniedException) {
            why = "permission denied";
        } else if (failure instanceof FileSystemException system && system.getReason() != null) {
            why = system.getReason();
        } else {
            why = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        }
        return path + ": " + why;
    }
}

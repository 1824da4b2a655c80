package dev.latchkey.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.app.support.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The class data sharing archive the launcher names is a cache: the packaged server, started with the shipped
 * options as {@code ./latchkey serve} starts it, serves and stops cleanly whether the archive is missing (it is made
 * when the server stops), present, cut short or not an archive at all (decision record 0037).
 */
class ClassDataSharingIT {
    private static final Path OPTIONS = Path.of("jvm.options").toAbsolutePath();
    private static final Duration LIMIT = Duration.ofSeconds(60);

    @Test
    void aMissingStaleOrBrokenArchiveNeverStopsTheServer() throws Exception {
        Path work = Files.createTempDirectory("latchkey-cds");
        Path archive = work.resolve("latchkey.jsa");
        List<String> shipped = List.of("@" + OPTIONS, "-XX:SharedArchiveFile=" + archive, "-XX:+AutoCreateSharedArchive",
                "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
        Path data = work.resolve("data");

        serveAndStop(data, shipped, "missing");
        assertThat(archive).as("made when the server stopped").isNotEmptyFile();

        serveAndStop(data, shipped, "present");

        // cut short, as a machine that stopped while the archive was written would leave it
        byte[] whole = Files.readAllBytes(archive);
        Files.write(archive, java.util.Arrays.copyOf(whole, whole.length / 2));
        serveAndStop(data, shipped, "cut short");

        Files.writeString(archive, "not an archive");
        serveAndStop(data, shipped, "not an archive");
    }

    /**
     * The AOT cache the launcher names on JDK 25 and later, as it names it: recorded by a serve that finds it
     * missing (written when that server stops, the JVM's lines about it on standard error only), used by the next,
     * and ignored when cut short or not a cache at all.
     */
    @Test
    void aMissingOrBrokenAotCacheNeverStopsTheServer() throws Exception {
        Assumptions.assumeTrue(Runtime.version().feature() >= 25, "the AOT cache is for JDK 25 and later");
        Path work = Files.createTempDirectory("latchkey-aot");
        Path cache = work.resolve("latchkey.aot");
        List<String> record = List.of("@" + OPTIONS, "-XX:AOTCacheOutput=" + cache, "-XX:+DisplayVMOutputToStderr",
                "-Xlog:aot=off", "-Xlog:cds=off");
        List<String> use = List.of("@" + OPTIONS, "-XX:AOTCache=" + cache, "-Xlog:aot=off", "-Xlog:cds=off");
        Path data = work.resolve("data");

        ServerProcess recorded = serveAndStop(data, record, "missing");
        assertThat(cache).as("made when the server stopped").isNotEmptyFile();
        assertThat(Files.readAllLines(recorded.log)).as("standard output: log lines only")
                .allSatisfy(line -> assertThat(line).doesNotContain("AOT"));

        serveAndStop(data, use, "present");

        byte[] whole = Files.readAllBytes(cache);
        Files.write(cache, java.util.Arrays.copyOf(whole, whole.length / 2));
        serveAndStop(data, use, "cut short");

        Files.writeString(cache, "not a cache");
        serveAndStop(data, use, "not a cache");
    }

    private static ServerProcess serveAndStop(Path data, List<String> jvmOptions, String archiveState) throws Exception {
        try (ServerProcess server = ServerProcess.startWithJvmOptions(data, jvmOptions)) {
            String key = ServerProcess.adminKey(data);
            assertThat(server.token(key)).as("archive " + archiveState).isNotBlank();
            server.terminate();
            assertThat(server.awaitExit(LIMIT)).as("archive " + archiveState + ": " + Files.readString(server.errors))
                    .isEqualTo(0);
            return server;
        }
    }
}

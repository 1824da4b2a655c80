package dev.latchkey.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.app.support.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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

    private static void serveAndStop(Path data, List<String> jvmOptions, String archiveState) throws Exception {
        try (ServerProcess server = ServerProcess.startWithJvmOptions(data, jvmOptions)) {
            String key = ServerProcess.adminKey(data);
            assertThat(server.token(key)).as("archive " + archiveState).isNotBlank();
            server.terminate();
            assertThat(server.awaitExit(LIMIT)).as("archive " + archiveState + ": " + Files.readString(server.errors))
                    .isEqualTo(0);
        }
    }
}

package dev.latchkey.app.console;

/** The API keys page's browser tests on PostgreSQL, the production path. */
@ConsoleBrowserTest.OnPostgres
class ConsoleApiKeysPostgresTest extends ConsoleApiKeysTest {
}

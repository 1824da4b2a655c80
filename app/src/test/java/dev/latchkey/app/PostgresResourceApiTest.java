package dev.latchkey.app;

class PostgresResourceApiTest extends ResourceApiContract {
    @Override
    TestServer start() {
        return TestServer.postgres();
    }
}

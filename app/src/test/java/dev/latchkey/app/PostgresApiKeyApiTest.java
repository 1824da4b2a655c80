package dev.latchkey.app;

class PostgresApiKeyApiTest extends ApiKeyApiContract {
    @Override
    TestServer start() {
        return TestServer.postgres();
    }
}

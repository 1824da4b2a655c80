package dev.latchkey.app.apikey;

import dev.latchkey.app.support.TestServer;

class PostgresApiKeyApiTest extends ApiKeyApiContract {
    @Override
    public TestServer start() {
        return TestServer.postgres();
    }
}

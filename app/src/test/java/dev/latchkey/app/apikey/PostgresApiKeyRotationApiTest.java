package dev.latchkey.app.apikey;

import dev.latchkey.app.support.TestServer;

class PostgresApiKeyRotationApiTest extends ApiKeyRotationApiContract {
    @Override
    public TestServer start() {
        return startOn(true);
    }
}

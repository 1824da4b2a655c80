package dev.latchkey.app.apikey;

import dev.latchkey.app.support.TestServer;

class H2ApiKeyRotationApiTest extends ApiKeyRotationApiContract {
    @Override
    public TestServer start() {
        return startOn(false);
    }
}

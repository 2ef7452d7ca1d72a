package io.syncms.platform.control;

import jakarta.json.spi.JsonProvider;

/**
 * The JSON-P provider, looked up once. Every {@code jakarta.json.Json.create…} call runs a ServiceLoader
 * lookup, which in Payara was the largest cost of a REST request and of decoding a Hazelcast message.
 */
public final class Jsonp {

    public static final JsonProvider JSON = JsonProvider.provider();

    private Jsonp() {}
}

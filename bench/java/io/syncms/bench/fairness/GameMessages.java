package io.syncms.bench.fairness;

import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;

/** The game's payloads: the master's update of a round and a player's action in a round. */
public final class GameMessages {

    private static final JsonProvider JSON = JsonProvider.provider();

    private GameMessages() {}

    public static JsonObject update(int round) {
        return JSON.createObjectBuilder().add("update", round).build();
    }

    public static JsonObject action(String player, int round) {
        return JSON.createObjectBuilder().add("action", round).add("player", player).build();
    }

    public static boolean isUpdate(JsonObject message) {
        return message.containsKey("update");
    }

    public static boolean isAction(JsonObject message) {
        return message.containsKey("action");
    }

    public static int round(JsonObject message) {
        return message.getInt(isUpdate(message) ? "update" : "action");
    }

    public static String player(JsonObject message) {
        return message.getString("player");
    }

    public static JsonObject parse(String text) {
        try (var reader = JSON.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}

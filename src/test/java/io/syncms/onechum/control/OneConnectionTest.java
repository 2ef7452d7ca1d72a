package io.syncms.onechum.control;

import io.syncms.onechum.entity.OneFrame;
import io.syncms.onechum.entity.OneRemoteException;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OneConnectionTest {

    @Test
    void aStreamWhoseSinkRefusesAChunkFailsThatRequestOnlyAndTheConnectionGoesOn() throws Exception {
        try (SocketPair sockets = new SocketPair()) {
            sockets.b.serve((request, reply) -> {
                if (request.serviceId() == 8) {
                    for (int i = 0; i < 3; i++) {
                        reply.binary(new byte[1000]);
                    }
                    reply.end();
                } else {
                    reply.data(Json.createValue(request.serviceId()));
                }
            });

            var refused = sockets.a.stream(8, List.of(), new StreamSink() {
                @Override
                public void binary(byte[] payload) {
                    throw new OneRemoteException("Content over 10 bytes");
                }

                @Override
                public void text(String chunk) {
                }
            });

            ExecutionException failed = assertThrows(ExecutionException.class, () -> refused.get(5, TimeUnit.SECONDS));
            assertInstanceOf(OneRemoteException.class, failed.getCause());
            assertEquals("42", sockets.a.call(42, List.of()).get(5, TimeUnit.SECONDS).toString());
            assertEquals(2, sockets.a.statistics().requestsSentTotal());
            assertEquals(2, sockets.b.statistics().requestsReceivedTotal());
        }
    }

    @Test
    void aFrameThatBreaksTheProtocolClosesTheConnectionAndFailsWhatIsOpen() throws Exception {
        try (SocketPair sockets = new SocketPair()) {
            sockets.b.serve((request, reply) -> { }); // never answers
            var open = sockets.a.call(6, List.of(Json.createValue("ab".repeat(32))));

            sockets.a.onText("{\"responseId\":0,\"type\":\"teapot\"}");

            ExecutionException failed = assertThrows(ExecutionException.class, () -> open.get(5, TimeUnit.SECONDS));
            assertTrue(failed.getCause().getMessage().contains("teapot"), failed.getCause().getMessage());
            assertTrue(sockets.a.closed().isDone());
            assertEquals(1, sockets.a.statistics().requestsReceivedInvalid());
            var late = sockets.a.call(1, List.of());
            assertThrows(ExecutionException.class, () -> late.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void anUnknownServiceIsAnsweredAsOneCoreAnswersIt() throws Exception {
        try (SocketPair sockets = new SocketPair()) {
            StringBuilder fromB = new StringBuilder();
            sockets.tap(text -> { }, fromB::append);

            var answer = sockets.a.call(9, List.of());

            ExecutionException failed = assertThrows(ExecutionException.class, () -> answer.get(5, TimeUnit.SECONDS));
            assertEquals(OneErrors.UNKNOWN_SERVICE, ((OneRemoteException) failed.getCause()).code());
            assertEquals("{\"responseId\":0,\"type\":\"error\",\"error\":{\"name\":\"TypeError\","
                    + "\"message\":\"Not a function: Servcie ID 9 [number]\",\"code\":\"UNKNOWN-SERVICE\"}}", fromB.toString());
        }
    }

    @Test
    void undefinedTravelsAsOneCoresMarker() throws Exception {
        try (SocketPair sockets = new SocketPair()) {
            sockets.b.serve((request, reply) -> reply.data(Json.createValue(OneFrame.UNDEFINED)));
            JsonValue answer = sockets.a.call(10, List.of()).get(5, TimeUnit.SECONDS);
            assertEquals(Json.createValue(OneFrame.UNDEFINED), answer);
        }
    }
}

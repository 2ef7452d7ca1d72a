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

    @Test
    void aStreamTheOtherSideStopsIsNoLongerSent() throws Exception {
        try (SocketPair sockets = new SocketPair()) {
            java.util.concurrent.CountDownLatch first = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch aborted = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
            sockets.b.serve((request, reply) -> {
                try {
                    for (int i = 0; i < 1000; i++) {
                        reply.binary(new byte[100]);
                        sent.incrementAndGet();
                        first.countDown();
                        if (i == 0) {
                            aborted.await(5, TimeUnit.SECONDS);
                        }
                    }
                    reply.end();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            var stream = sockets.a.stream(8, List.of(), new StreamSink() {
                @Override
                public void binary(byte[] payload) {
                }

                @Override
                public void text(String chunk) {
                }
            });
            first.await(5, TimeUnit.SECONDS);

            sockets.b.onText(OneFrameCodec.encodeText(new OneFrame.StreamAbort(0)));
            aborted.countDown();

            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> !sockets.b.closed().isDone());
            Thread.sleep(200);
            assertEquals(1, sent.get(), "chunks sent after the stop");
            assertEquals("{\"requestId\":0,\"type\":\"write-stream-error\"}",
                    OneFrameCodec.encodeText(new OneFrame.StreamAbort(0)));
            assertEquals(new OneFrame.StreamAbort(7), OneFrameCodec.decodeText("{\"requestId\":7,\"type\":\"write-stream-error\"}"));
            stream.cancel(false);
        }
    }

    @Test
    void aFloodOfRequestsClosesTheConnectionInsteadOfQueueingThem() throws Exception {
        try (SocketPair sockets = new SocketPair()) {
            java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
            sockets.b.serve((request, reply) -> {
                try {
                    never.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                reply.data(JsonValue.NULL);
            });

            for (int i = 0; i <= OneConnection.MAX_SERVING; i++) {
                sockets.b.onText("{\"requestId\":" + i + ",\"type\":\"request\",\"serviceId\":4,\"args\":[]}");
            }

            assertTrue(sockets.b.closed().isDone());
            assertTrue(sockets.b.closed().join().contains("requests open at once"), sockets.b.closed().join());
            never.countDown();
        }
    }
}

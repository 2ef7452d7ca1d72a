package io.syncms.chum.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * An HTTP answer read into memory up to a limit: an answer that announces more, or sends more, is
 * refused as soon as that is known (the exchange is cancelled; nothing more is read).
 */
final class BoundedBody implements BodySubscriber<byte[]> {

    /** The answer was larger than the limit. */
    static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException(long limit) {
            super("the answer is larger than " + limit + " bytes");
        }
    }

    private final long limit;
    private final boolean announcedTooLarge;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private Flow.Subscription subscription;

    private BoundedBody(long limit, boolean announcedTooLarge) {
        this.limit = limit;
        this.announcedTooLarge = announcedTooLarge;
    }

    /** Successful answers up to {@code limit} bytes, others (problems) up to {@code errorLimit}. */
    static BodyHandler<byte[]> handler(long limit, long errorLimit) {
        return info -> {
            long max = info.statusCode() / 100 == 2 ? limit : errorLimit;
            OptionalLong announced = info.headers().firstValueAsLong("Content-Length");
            return new BoundedBody(max, announced.isPresent() && announced.getAsLong() > max);
        };
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (announcedTooLarge) {
            subscription.cancel();
            body.completeExceptionally(new TooLargeException(limit));
            return;
        }
        subscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        for (ByteBuffer item : items) {
            if (bytes.size() + (long) item.remaining() > limit) {
                subscription.cancel();
                body.completeExceptionally(new TooLargeException(limit));
                return;
            }
            byte[] chunk = new byte[item.remaining()];
            item.get(chunk);
            bytes.writeBytes(chunk);
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable failure) {
        body.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        body.complete(bytes.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return body;
    }
}

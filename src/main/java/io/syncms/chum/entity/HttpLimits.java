package io.syncms.chum.entity;

import java.time.Duration;
import java.util.Objects;

/**
 * What the Chum's HTTP client accepts from another instance, so a hostile or broken peer cannot make
 * it hold an unbounded answer in memory, store an unbounded item, or wait forever.
 *
 * @param maxAnswerBytes the largest JSON answer (a listing page, a batch of objects); answers that are
 *                       only a few fields (challenge, grant, notice, problem) may have 64 KiB
 * @param maxItemBytes   the largest BLOB or CLOB accepted in a content stream
 * @param readTimeout    how long a content stream may send nothing before it counts as broken off;
 *                       a JSON answer must arrive whole within the request timeout
 */
public record HttpLimits(long maxAnswerBytes, long maxItemBytes, Duration readTimeout) {

    /** The limit of answers that are only a few fields, and of problem bodies. */
    public static final int SMALL_ANSWER_BYTES = 64 * 1024;

    public HttpLimits {
        if (maxAnswerBytes < SMALL_ANSWER_BYTES || maxItemBytes < 1) {
            throw new IllegalArgumentException("maxAnswerBytes must be at least " + SMALL_ANSWER_BYTES + " and maxItemBytes positive");
        }
        Objects.requireNonNull(readTimeout, "readTimeout");
        if (readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("readTimeout must be positive");
        }
    }

    public static HttpLimits defaults() {
        return new HttpLimits(ChumSetting.HTTP_MAX_ANSWER_BYTES.defaultValue(), ChumSetting.HTTP_MAX_ITEM_BYTES.defaultValue(),
                ChumSetting.HTTP_READ_TIMEOUT.defaultDuration());
    }
}

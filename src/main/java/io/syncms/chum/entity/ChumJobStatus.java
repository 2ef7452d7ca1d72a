package io.syncms.chum.entity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A Chum job: a keepRunning Chum this instance keeps running, across restarts and failures, until it is
 * stopped here. Every run has the job's id.
 *
 * @param id        the job's id, also the id of each of its runs
 * @param options   what each run is asked to do
 * @param createdAt when the job was created
 * @param running   whether a run is under way now
 * @param runs      runs started since the job was created
 * @param failures  runs in a row that ended without full synchronization (the backoff's exponent)
 * @param nextRunAt when the next run starts, null while one runs
 * @param lag       write-log positions of this store the peer's importer is behind in the current run; -1 if
 *                  none runs or it has not asked yet
 * @param lastError the newest error of a run, or why a run could not start; null if none
 * @param history   the newest runs, oldest first (at most {@value #HISTORY})
 * @param every     the interval of a repeated one-shot Chum; null for a keepRunning job
 */
public record ChumJobStatus(String id, ChumOptions options, Instant createdAt, boolean running, long runs, int failures,
                            Instant nextRunAt, long lag, String lastError, List<ChumRun> history, Duration every) {

    public static final int HISTORY = 20;

    public ChumJobStatus {
        history = List.copyOf(history);
    }
}

package io.syncms.bench.fairness;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns the raw log of a run into the fairness, response time and update spread figures. */
public final class RunAnalysis {

    private RunAnalysis() {}

    public static RunSummary summarize(RunResult run) {
        GameLog log = run.log();
        Scenario scenario = run.scenario();
        List<GameLog.Processed> processed = log.processed();
        long[] sent = new long[processed.size()];
        for (int i = 0; i < sent.length; i++) {
            GameLog.ActionKey action = processed.get(i).action();
            sent[i] = log.sentMicros(action.player(), action.round());
        }
        List<FairOrder.Judgement> judgements = FairOrder.judge(sent);
        List<Double> gaps = new ArrayList<>();
        for (long gap : FairOrder.invertedPairGaps(sent)) {
            gaps.add(gap / 1_000.0);
        }

        Map<String, List<FairOrder.Judgement>> judgedBy = new HashMap<>();
        Map<String, List<Double>> responseBy = new HashMap<>();
        for (int i = 0; i < sent.length; i++) {
            String player = processed.get(i).action().player();
            judgedBy.computeIfAbsent(player, p -> new ArrayList<>()).add(judgements.get(i));
            responseBy.computeIfAbsent(player, p -> new ArrayList<>())
                    .add((processed.get(i).processedMicros() - sent[i]) / 1_000.0);
        }

        double median = Stats.median(toDoubles(scenario.delayMillis()));
        List<PlayerFairness> players = new ArrayList<>();
        List<Double> nearResponses = new ArrayList<>();
        List<Double> farResponses = new ArrayList<>();
        for (int p = 0; p < scenario.size(); p++) {
            String player = scenario.players().get(p);
            List<FairOrder.Judgement> judged = judgedBy.getOrDefault(player, List.of());
            List<Double> responses = responseBy.getOrDefault(player, List.of());
            List<Integer> behind = judged.stream().map(FairOrder.Judgement::behind).toList();
            List<Integer> ahead = judged.stream().map(FairOrder.Judgement::ahead).toList();
            double clockError = run.clockErrorMicros() == null ? Double.NaN : run.clockErrorMicros()[p] / 1_000.0;
            players.add(new PlayerFairness(player, scenario.delayMillis()[p], run.offsetMillis()[p], clockError,
                    judged.size(),
                    Stats.mean(behind), Stats.fractionNonZero(behind), Stats.mean(ahead), Stats.fractionNonZero(ahead),
                    fractionUnfair(judged),
                    Stats.mean(responses), Stats.percentile(responses, 99)));
            if (scenario.delayMillis()[p] < median) {
                nearResponses.addAll(responses);
            } else if (scenario.delayMillis()[p] > median) {
                farResponses.addAll(responses);
            }
        }

        List<Double> spreads = new ArrayList<>();
        int incomplete = 0;
        for (int round = 0; round < run.rounds(); round++) {
            Double spread = spreadMillis(log, scenario.players(), round);
            if (spread == null) {
                incomplete++;
            } else {
                spreads.add(spread);
            }
        }

        return new RunSummary(run, log.actionsSent(), processed.size(),
                Stats.mean(judgements.stream().map(FairOrder.Judgement::ahead).toList()),
                Stats.mean(judgements.stream().map(FairOrder.Judgement::behind).toList()),
                fractionUnfair(judgements), gaps.size(), invertedByStamp(processed), Stats.percentile(gaps, 99),
                gaps.isEmpty() ? 0 : Stats.percentile(gaps, 100),
                response(nearResponses), response(farResponses),
                Stats.percentile(spreads, 50), Stats.percentile(spreads, 99), incomplete, players);
    }

    /** Last minus first true instant at which a player's application got the update; {@code null} if one never did. */
    static Double spreadMillis(GameLog log, List<String> players, int round) {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (String player : players) {
            Long received = log.updateReceivedMicros(player, round);
            if (received == null) {
                return null;
            }
            first = Math.min(first, received);
            last = Math.max(last, received);
        }
        return (last - first) / 1_000.0;
    }

    private static Long invertedByStamp(List<GameLog.Processed> processed) {
        if (processed.stream().anyMatch(p -> p.stampMicros() == null)) {
            return null;
        }
        long[] stamps = processed.stream().mapToLong(GameLog.Processed::stampMicros).toArray();
        return (long) FairOrder.invertedPairGaps(stamps).length;
    }

    private static double fractionUnfair(List<FairOrder.Judgement> judgements) {
        return judgements.isEmpty() ? Double.NaN
                : judgements.stream().filter(FairOrder.Judgement::unfair).count() / (double) judgements.size();
    }

    private static RunSummary.Response response(List<Double> responses) {
        return new RunSummary.Response(Stats.mean(responses), Stats.percentile(responses, 99));
    }

    private static double[] toDoubles(long[] values) {
        double[] result = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = values[i];
        }
        return result;
    }
}

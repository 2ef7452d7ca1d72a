package io.syncms.bench.fairness;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;

/** Per-player figures against the player's one-way delay, one series per mode, as a 2 × 2 PNG. */
public final class FairnessChart {

    /** Plain in blue, Sync-MS in black, then clearly different colours for the degraded modes. */
    private static final Color[] COLORS = {new Color(0x1f77b4), Color.BLACK, new Color(0x2ca02c),
            new Color(0xd62728), new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b)};

    private FairnessChart() {}

    /** @param runs the runs of one number of players, one per mode; plain should come first, then Sync-MS */
    public static void write(List<RunSummary> runs, Path png) throws IOException {
        int n = runs.get(0).playerCount();
        List<XYChart> charts = List.of(
                chart(runs, "Behind: later actions processed first (N=" + n + ")", "mean behind", PlayerFairness::meanBehind),
                chart(runs, "Ahead: earlier actions processed later (N=" + n + ")", "mean ahead", PlayerFairness::meanAhead),
                chart(runs, "Response time: true send -> processed (N=" + n + ")", "mean ms", PlayerFairness::responseMeanMillis),
                chart(runs, "Actions with ahead or behind > 0 (N=" + n + ")", "% of the player's actions",
                        p -> 100 * p.fractionUnfair()));
        BitmapEncoder.saveBitmap(charts, 2, 2, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static XYChart chart(List<RunSummary> runs, String title, String yTitle,
            ToDoubleFunction<PlayerFairness> value) {
        XYChart chart = new XYChartBuilder().width(760).height(520).title(title)
                .xAxisTitle("player's one-way delay (ms)").yAxisTitle(yTitle).build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setMarkerSize(7);
        chart.getStyler().setSeriesColors(COLORS);
        for (RunSummary run : runs) {
            List<PlayerFairness> players = run.players();
            double[] x = players.stream().mapToDouble(PlayerFairness::delayMillis).toArray();
            double[] y = players.stream().mapToDouble(value).toArray();
            chart.addSeries(run.mode().shortLabel(), x, y);
        }
        return chart;
    }
}

package org.ensemble.cli;

import java.time.format.DateTimeFormatter;
import java.util.List;

import org.ensemble.schedule.Operations;

/** Plain-text tables of schedules and job executions for the terminal. */
final class OperationsText {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private OperationsText() {
    }

    static String schedules(List<Operations.ScheduleView> schedules) {
        StringBuilder text = new StringBuilder(String.format("%-20s %-18s %-16s %-22s %-7s %s%n", "SHOW", "CRON", "ZONE",
                "NEXT FIRE (UTC)", "PAUSED", "RUN-NOW AIR DATE"));
        for (Operations.ScheduleView s : schedules) {
            text.append(String.format("%-20s %-18s %-16s %-22s %-7s %s%n", s.show(), s.cron(), s.timeZone(),
                    !s.scheduled() ? "not scheduled" : s.nextFire() == null ? "-" : s.nextFire().toString(),
                    s.paused() ? "yes" : "no", s.nextRunAirDate()));
        }
        return text.toString();
    }

    static String executions(Operations.ExecutionPage page) {
        StringBuilder text = new StringBuilder(String.format("%-6s %-12s %-16s %-11s %-10s %-20s %s%n", "ID", "JOB", "SHOW",
                "AIR DATE", "STATUS", "STARTED", "ENDED"));
        for (Operations.ExecutionView e : page.executions()) {
            text.append(String.format("%-6d %-12s %-16s %-11s %-10s %-20s %s%n", e.id(), e.job(), e.show(), e.airDate(),
                    e.status(), e.startTime() == null ? "-" : WHEN.format(e.startTime()),
                    e.endTime() == null ? "-" : WHEN.format(e.endTime())));
        }
        text.append(page.executions().size()).append(" of ").append(page.total()).append(" execution(s)\n");
        return text.toString();
    }

    static String execution(Operations.ExecutionView e) {
        StringBuilder text = new StringBuilder("Execution " + e.id() + " of " + e.job() + " for " + e.show() + " " + e.airDate()
                + ": " + e.status() + "\n");
        text.append(String.format("  %-22s %-10s %6s %7s %8s %7s%n", "STEP", "STATUS", "READ", "WRITTEN", "FILTERED", "SKIPPED"));
        for (Operations.StepView s : e.steps()) {
            text.append(String.format("  %-22s %-10s %6d %7d %8d %7d%n", s.name(), s.status(), s.readCount(), s.writeCount(),
                    s.filterCount(), s.skipCount()));
            String description = s.exitDescription() == null ? "" : s.exitDescription().lines()
                    .filter(l -> !l.isBlank() && !l.stripLeading().startsWith("at ") && !l.stripLeading().startsWith("..."))
                    .limit(8).map(l -> "      " + l).reduce((a, b) -> a + "\n" + b).orElse("");
            if (!description.isBlank()) {
                text.append(description).append('\n');
            }
        }
        var p = e.progress();
        if (p != null && p.step() != null) {
            text.append("  now: ").append(p.step())
                    .append(p.piecesTotal() == null ? "" : ", " + p.piecesDone() + "/" + p.piecesTotal() + " pieces")
                    .append(p.percent() == null ? "" : ", " + p.percent() + "%")
                    .append(p.etaSeconds() == null ? "" : ", about " + p.etaSeconds() + " s left").append('\n');
        }
        return text.toString();
    }
}

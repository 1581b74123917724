package org.ensemble.plan;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How long planning a large week takes: 10,000 reproducible candidates (seeded), the show's rules, after warm-up.
 * Not a test; run on demand with {@code ops/bench/planner.sh} (arguments: candidates, contributors, runs).
 */
public final class PlannerBenchmark {

    private PlannerBenchmark() {
    }

    public static void main(String[] args) {
        int candidates = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int contributors = args.length > 1 ? Integer.parseInt(args[1]) : 4_000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        long[] seeds = {1, 2, 3, 4, 5};
        System.out.printf(Locale.ROOT, "%d processors, load average %.1f (wall time counts waiting for a core; CPU time does not)%n",
                Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        for (long seed : seeds) {
            Weeks.Week week = Weeks.week(seed, candidates, contributors);
            EpisodePlanner planner = new EpisodePlanner();
            Plan plan = null;
            for (int i = 0; i < 10; i++) {
                plan = planner.plan(week.candidates(), week.rules(), week.runtime(), week.overrides());
            }
            double[] ms = new double[runs];
            double[] cpu = new double[runs];
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                long startCpu = threads.getCurrentThreadCpuTime();
                Plan again = planner.plan(week.candidates(), week.rules(), week.runtime(), week.overrides());
                ms[i] = (System.nanoTime() - start) / 1e6;
                cpu[i] = (threads.getCurrentThreadCpuTime() - startCpu) / 1e6;
                if (!again.equals(plan)) {
                    throw new IllegalStateException("seed " + seed + ": the plan changed between runs");
                }
            }
            Arrays.sort(ms);
            Arrays.sort(cpu);
            List<RuleViolation> v = plan.violations();
            System.out.printf(Locale.ROOT, "seed %d: %d candidates, %d contributors: wall median %.1f ms, p95 %.1f ms; CPU median %.1f ms, p95 %.1f ms"
                            + " | %d pieces, %d frames, score %d, upper bound %d, gap %.2f%%, proved optimal %s, violations %s%n",
                    seed, candidates, contributors, ms[runs / 2], ms[(int) Math.ceil(runs * 0.95) - 1], cpu[runs / 2],
                    cpu[(int) Math.ceil(runs * 0.95) - 1],
                    plan.placements().size(), plan.frames(), plan.score(), plan.upperBound(),
                    100.0 * (plan.upperBound() - plan.score()) / Math.max(1, plan.upperBound()), plan.provedOptimal(),
                    v.isEmpty() ? "none" : v);
        }
    }
}

package io.shoal.balancer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntUnaryOperator;

/** Helpers for reading pick results in tests. */
final class Picks {
    private Picks() {}

    /** Names of {@code count} picks separated by spaces, "-" for null. */
    static String sequence(LoadBalancer<TestTarget> balancer, PickContext context, int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            TestTarget target = balancer.pick(context);
            names.add(target == null ? "-" : target.name);
        }
        return String.join(" ", names);
    }

    static Map<String, Integer> counts(LoadBalancer<TestTarget> balancer, PickContext context, int count) {
        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            TestTarget target = balancer.pick(context);
            counts.merge(target == null ? "-" : target.name, 1, Integer::sum);
        }
        return counts;
    }

    /** A random source that replays the given values, checking each is below the bound asked for. */
    static IntUnaryOperator script(int... values) {
        int[] next = {0};
        return bound -> {
            int value = values[next[0]++ % values.length];
            if (value < 0 || value >= bound) {
                throw new AssertionError("scripted value " + value + " outside [0, " + bound + ")");
            }
            return value;
        };
    }
}

package io.shoal.autoscaler;

/**
 * What predictive scaling expects: the request rate learnt for the hour of the week {@code leadMillis}
 * from now, and the replicas that carry it at the {@code rps} target.
 *
 * @param rps the expected request rate; NaN when that hour has no history yet
 * @param replicas {@code ceil(rps / target)}, or 0 without history
 * @param scales whether the forecast is a floor ({@code forecast_and_scale}) or only shown ({@code forecast_only})
 */
public record Forecast(double rps, int replicas, long leadMillis, boolean scales) {

    /** The floor it sets: its replicas when it scales, else none. */
    public int floor() {
        return scales ? replicas : 0;
    }
}

package io.syncms.store.control;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats a double exactly like JavaScript's {@code Number.prototype.toString()} (ECMA-262
 * Number::toString with radix 10), which is also what {@code JSON.stringify} writes for finite
 * numbers: the shortest digit string that reads back to the same double, in plain notation for
 * decimal exponents -6 .. 20 and in {@code 1.5e+21} / {@code 1e-7} notation outside.
 *
 * <p>JDK 17's {@link Double#toString(double)} cannot be used: it sometimes prints more digits than
 * needed (fixed only in JDK 19), and its notation differs.
 */
public final class JsNumberFormatter {

    private static final int MAX_SIGNIFICANT_DIGITS = 17;

    public String format(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (value == 0.0) {
            return "0"; // also -0
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        if (value < 0) {
            return "-" + format(-value);
        }
        BigDecimal shortest = shortestRoundTrip(value);
        String digits = shortest.unscaledValue().toString();
        int k = digits.length();
        // value = digits * 10^(n - k)
        int n = k - shortest.scale();
        return layout(digits, k, n);
    }

    /**
     * The decimal with the fewest significant digits that parses back to {@code value}; among
     * equally short ones the closest to the exact binary value, on a tie the one with an even last
     * digit (ECMA-262 Number::toString step 5).
     */
    private static BigDecimal shortestRoundTrip(double value) {
        BigDecimal exact = new BigDecimal(value);
        for (int precision = 1; precision <= MAX_SIGNIFICANT_DIGITS; precision++) {
            BigDecimal down = exact.round(new MathContext(precision, RoundingMode.FLOOR));
            BigDecimal up = exact.round(new MathContext(precision, RoundingMode.CEILING));
            boolean downOk = roundTrips(down, value);
            boolean upOk = roundTrips(up, value);
            if (downOk && upOk && down.compareTo(up) != 0) {
                int cmp = exact.subtract(down).compareTo(up.subtract(exact));
                if (cmp < 0) {
                    return down.stripTrailingZeros();
                }
                if (cmp > 0) {
                    return up.stripTrailingZeros();
                }
                return (isEven(down) ? down : up).stripTrailingZeros();
            }
            if (downOk) {
                return down.stripTrailingZeros();
            }
            if (upOk) {
                return up.stripTrailingZeros();
            }
        }
        throw new IllegalStateException("No round-trip representation found for " + value);
    }

    private static boolean roundTrips(BigDecimal candidate, double value) {
        return Double.parseDouble(candidate.toString()) == value;
    }

    private static boolean isEven(BigDecimal decimal) {
        return !decimal.unscaledValue().testBit(0);
    }

    private static String layout(String digits, int k, int n) {
        if (k <= n && n <= 21) {
            return digits + "0".repeat(n - k);
        }
        if (0 < n && n <= 21) {
            return digits.substring(0, n) + "." + digits.substring(n);
        }
        if (-6 < n && n <= 0) {
            return "0." + "0".repeat(-n) + digits;
        }
        int exponent = n - 1;
        String sign = exponent < 0 ? "-" : "+";
        String mantissa = k == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return mantissa + "e" + sign + Math.abs(exponent);
    }
}

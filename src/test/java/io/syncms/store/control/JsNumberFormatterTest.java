package io.syncms.store.control;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Number::toString of ECMA-262 (what V8 prints for String(x) and JSON.stringify(x)). */
class JsNumberFormatterTest {

    private final JsNumberFormatter formatter = new JsNumberFormatter();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "0.30000000000000004     | 0.30000000000000004",
            "1e21                    | 1e+21",
            "1e20                    | 100000000000000000000",
            "1e-7                    | 1e-7",
            "1e-6                    | 0.000001",
            "1.2e-6                  | 0.0000012",
            "123e-20                 | 1.23e-18",
            "5e-324                  | 5e-324",
            "4.9406564584124654e-324 | 5e-324",
            "1.7976931348623157e308  | 1.7976931348623157e+308",
            "2.2250738585072014e-308 | 2.2250738585072014e-308",
            "100                     | 100",
            "0.1                     | 0.1",
            "-3.25                   | -3.25",
            "1234.5                  | 1234.5",
            "123456789.12345679      | 123456789.12345679",
            "9007199254740991        | 9007199254740991",
            "9007199254740992        | 9007199254740992",
            "9007199254740994        | 9007199254740994",
            "1152921504606846976     | 1152921504606847000",
            "1.2345678901234568e20   | 123456789012345680000",
            "1.2345678901234568e21   | 1.2345678901234568e+21",
            "1e23                    | 1e+23",
            "1.5e300                 | 1.5e+300",
            "-1e-7                   | -1e-7",
            "2.82879384806159e17     | 282879384806159000",
            "1718000000000           | 1718000000000",
    })
    void formatsLikeJavaScript(double value, String expected) {
        assertEquals(expected, formatter.format(value));
    }

    @Test
    void sumOfPointOneAndPointTwo() {
        assertEquals("0.30000000000000004", formatter.format(0.1 + 0.2));
    }

    @Test
    void negativeZeroIsZero() {
        assertEquals("0", formatter.format(-0.0));
        assertEquals("0", formatter.format(0.0));
    }

    @Test
    void specialValues() {
        assertEquals("NaN", formatter.format(Double.NaN));
        assertEquals("Infinity", formatter.format(Double.POSITIVE_INFINITY));
        assertEquals("-Infinity", formatter.format(Double.NEGATIVE_INFINITY));
    }

    @Test
    void beyondTwoToTheFiftyThree() {
        assertEquals("9007199254740992", formatter.format(Math.pow(2, 53)));
        assertEquals("18014398509481984", formatter.format(Math.pow(2, 54)));
        assertEquals("18446744073709552000", formatter.format(Math.pow(2, 64)));
    }

    @Test
    void shortestDigitsWhereJdk17DoubleToStringPrintsMore() {
        // JDK 17's Double.toString gives 2.82879384806159008E17; JavaScript needs 15 digits
        assertEquals("282879384806159000", formatter.format(2.82879384806159e17));
        assertEquals("0.002", formatter.format(0.002));
    }
}

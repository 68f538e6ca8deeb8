using System;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace Alpharun
{
    /// <summary>
    /// A double as text, the same on every runtime: the shortest digits that read back as the same double (the
    /// closest such digits when there are several), laid out as .NET (Core 3.0 and later) writes it with "R" and its
    /// System.Text.Json writes it: <c>0.1</c>, <c>1E+21</c>, <c>1E-05</c>, <c>-0</c>, <c>5E-324</c>.
    /// </summary>
    /// <remarks>
    /// The runtimes disagree otherwise: the netstandard System.Text.Json that Windows PowerShell 5.1 loads writes "G17"
    /// (<c>0.10000000000000001</c>), and .NET Framework's own "R" is not the shortest, has round-trip bugs on 64-bit and
    /// drops the sign of -0. The digits are worked out here with exact integer arithmetic, so no runtime formatting or
    /// parsing is involved: the contacts JSON, the Contacts output and the journal key are the same bytes on 5.1 and 7.6.
    /// </remarks>
    internal static class JsonNumber
    {
        private const int MaxDigits = 17;

        // 10^0 … 10^342: enough for every scale a double needs (down to 5E-324 with 17 digits, up to 1.8E+308).
        private static readonly BigInteger[] PowersOfTen = MakePowersOfTen(343);

        /// <summary>The text of <paramref name="value"/>; NaN and infinities have none in JSON.</summary>
        public static string Format(double value)
        {
            if (double.IsNaN(value) || double.IsInfinity(value)) throw new ArgumentOutOfRangeException(nameof(value), "NaN and infinity have no JSON form.");
            long bits = BitConverter.DoubleToInt64Bits(value);
            string sign = bits < 0 ? "-" : string.Empty;
            if (value == 0) return sign + "0";
            ShortestDigits(bits & long.MaxValue, out string digits, out int exponent);
            return sign + Layout(digits, exponent);
        }

        // The shortest digits d1d2...dn and exponent X with value = d1.d2...dn × 10^X that read back as the double.
        private static void ShortestDigits(long bits, out string digits, out int exponent)
        {
            int biased = (int)(bits >> 52);
            long fraction = bits & ((1L << 52) - 1);
            long mantissa = biased == 0 ? fraction : fraction | (1L << 52);
            int binaryExponent = biased == 0 ? -1074 : biased - 1075;

            // value = 4m / 4 × 2^e; the doubles next to it are 2^e away, or 2^(e-1) below a power of two. A decimal
            // strictly inside half-way to them reads back as this double; one exactly half-way too when m is even
            // (parsing rounds a tie to the even mantissa).
            BigInteger scaled = new BigInteger(mantissa) * 4;
            BigInteger high = scaled + 2;
            BigInteger low = scaled - (fraction == 0 && biased > 1 ? 1 : 2);
            bool inclusive = (mantissa & 1) == 0;
            int shift = binaryExponent - 2;
            BigInteger denominator = BigInteger.One;
            if (shift >= 0)
            {
                BigInteger factor = BigInteger.One << shift;
                scaled *= factor;
                high *= factor;
                low *= factor;
            }
            else
            {
                denominator = BigInteger.One << -shift;
            }

            // The decimal exponent of the first digit: 10^X <= value < 10^(X+1).
            int x = (int)Math.Floor(Math.Log10(BitConverter.Int64BitsToDouble(bits)));
            while (Compare(scaled, denominator, BigInteger.One, x) < 0) x--;
            while (Compare(scaled, denominator, BigInteger.One, x + 1) >= 0) x++;

            // A decimal of p digits in the interval is one of p + 1 digits too, so the fewest digits are found by halving.
            int fewest = 1, most = MaxDigits;
            while (fewest < most)
            {
                int middle = (fewest + most) / 2;
                if (Candidates(scaled, denominator, low, high, inclusive, x, middle, out _, out _, out _)) most = middle;
                else fewest = middle + 1;
            }
            if (!Candidates(scaled, denominator, low, high, inclusive, x, fewest, out BigInteger down, out bool downFits, out bool upFits))
            {
                throw new InvalidOperationException("No round-trip form within 17 digits.");
            }

            BigInteger chosen;
            if (downFits && upFits)
            {
                // Both read back: the closer one, and on a tie the even one (as the runtime's shortest formatting does).
                int side = Compare(scaled * 2, denominator, down * 2 + 1, x - fewest + 1);
                chosen = side < 0 || (side == 0 && down.IsEven) ? down : down + 1;
            }
            else
            {
                chosen = downFits ? down : down + 1;
            }

            string text = chosen.ToString(CultureInfo.InvariantCulture);
            // Rounding up can carry into a new digit (9.99… → 10): one more power of ten, same digits.
            exponent = x + (text.Length - fewest);
            digits = text.TrimEnd('0');
        }

        // The decimals q × 10^s of `precision` digits just below (down) and just above (down + 1) the value, and which
        // of them read back as the double; true when one does.
        private static bool Candidates(BigInteger scaled, BigInteger denominator, BigInteger low, BigInteger high, bool inclusive, int x, int precision,
            out BigInteger down, out bool downFits, out bool upFits)
        {
            int s = x - precision + 1;
            down = FloorQuotient(scaled, denominator, s);
            downFits = Inside(down, s, low, high, denominator, inclusive);
            upFits = Inside(down + 1, s, low, high, denominator, inclusive);
            return downFits || upFits;
        }

        // Compares numerator/denominator with q × 10^s, exactly.
        private static int Compare(BigInteger numerator, BigInteger denominator, BigInteger q, int s) =>
            s >= 0
                ? BigInteger.Compare(numerator, q * PowersOfTen[s] * denominator)
                : BigInteger.Compare(numerator * PowersOfTen[-s], q * denominator);

        // floor(numerator / denominator / 10^s).
        private static BigInteger FloorQuotient(BigInteger numerator, BigInteger denominator, int s) =>
            s >= 0
                ? BigInteger.Divide(numerator, denominator * PowersOfTen[s])
                : BigInteger.Divide(numerator * PowersOfTen[-s], denominator);

        private static BigInteger[] MakePowersOfTen(int count)
        {
            var powers = new BigInteger[count];
            powers[0] = BigInteger.One;
            for (int i = 1; i < count; i++) powers[i] = powers[i - 1] * 10;
            return powers;
        }

        private static bool Inside(BigInteger q, int s, BigInteger low, BigInteger high, BigInteger denominator, bool inclusive)
        {
            int aboveLow = Compare(low, denominator, q, s);   // low vs candidate: < 0 means the candidate is above low
            int belowHigh = Compare(high, denominator, q, s); // high vs candidate: > 0 means the candidate is below high
            return inclusive ? aboveLow <= 0 && belowHigh >= 0 : aboveLow < 0 && belowHigh > 0;
        }

        // .NET's layout of a round-trip double: fixed notation from 0.0001 up to below 1E+17, scientific with a signed
        // exponent of at least two digits outside that (1E-05, 1E+17).
        private static string Layout(string digits, int exponent)
        {
            var sb = new StringBuilder(digits.Length + 8);
            if (exponent < -4 || exponent >= MaxDigits)
            {
                sb.Append(digits[0]);
                if (digits.Length > 1) sb.Append('.').Append(digits, 1, digits.Length - 1);
                sb.Append('E').Append(exponent < 0 ? '-' : '+').Append(Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture));
            }
            else if (exponent < 0)
            {
                sb.Append("0.").Append('0', -exponent - 1).Append(digits);
            }
            else if (digits.Length <= exponent + 1)
            {
                sb.Append(digits).Append('0', exponent + 1 - digits.Length);
            }
            else
            {
                sb.Append(digits, 0, exponent + 1).Append('.').Append(digits, exponent + 1, digits.Length - exponent - 1);
            }
            return sb.ToString();
        }
    }
}

using System;
using System.Globalization;
using System.Management.Automation;
using System.Text.RegularExpressions;

namespace Alpharun.Commands
{
    /// <summary>
    /// Binds -MinimumAge without PowerShell's surprises: a bare number is refused (PowerShell would read 600 as 600
    /// ticks, 60 microseconds, and the text '10' as ten days), text may be a TimeSpan ('00:10:00', '1.00:00:00') or
    /// a number with a unit as rclone writes it ('90s', '10m', '2h', '1d'), and a negative age is refused.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class MinimumAgeTransformationAttribute : ArgumentTransformationAttribute
    {
        private const string Forms = "Pass a TimeSpan such as (New-TimeSpan -Minutes 10) or '00:10:00', or a number with its unit: '90s', '10m', '2h', '1d'.";
        private static readonly Regex WithUnit = new Regex(@"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d)\s*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            object? value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            switch (value)
            {
                case null:
                    return null;
                case TimeSpan age:
                    return NotNegative(age, age.ToString());
                case string text:
                    return NotNegative(Parse(text), text);
                case byte _:
                case sbyte _:
                case short _:
                case ushort _:
                case int _:
                case uint _:
                case long _:
                case ulong _:
                case float _:
                case double _:
                case decimal _:
                    throw new ArgumentTransformationMetadataException($"-MinimumAge {value} has no unit. {Forms}");
                default:
                    return value;
            }
        }

        private static TimeSpan Parse(string text)
        {
            Match match = WithUnit.Match(text);
            if (match.Success)
            {
                double amount = double.Parse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
                switch (char.ToLowerInvariant(match.Groups[2].Value[0]))
                {
                    case 's': return TimeSpan.FromSeconds(amount);
                    case 'm': return TimeSpan.FromMinutes(amount);
                    case 'h': return TimeSpan.FromHours(amount);
                    default: return TimeSpan.FromDays(amount);
                }
            }
            // A bare number of text (TimeSpan would read '10' as ten days) is as unclear as a bare number.
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                throw new ArgumentTransformationMetadataException($"-MinimumAge '{text}' has no unit. {Forms}");
            }
            if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out TimeSpan age)) return age;
            throw new ArgumentTransformationMetadataException($"-MinimumAge '{text}' is not a length of time. {Forms}");
        }

        private static TimeSpan NotNegative(TimeSpan age, string given)
        {
            if (age < TimeSpan.Zero) throw new ArgumentTransformationMetadataException($"-MinimumAge '{given}' is negative. {Forms}");
            return age;
        }
    }
}

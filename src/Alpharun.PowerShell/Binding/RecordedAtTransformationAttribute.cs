using System;
using System.Management.Automation;

namespace Alpharun.Commands
{
    /// <summary>
    /// Binds -RecordedAt as a <see cref="RecordedAtValue"/>, without deciding anything that needs the time zone: text
    /// or a [datetime] without an offset stays a local time until the file is planned, because -TimeZone may be bound
    /// later (from the same CSV row, in an order PowerShell does not promise). PowerShell's own conversion would read
    /// "2024-01-15 14:30" in this machine's zone. Nothing is refused here: a value that cannot be used fails its own
    /// file (InvalidRecordedAt, in input order), or the whole command once when it is an argument.
    /// Help shows the parameter as what users pass, a DateTimeOffset (<see cref="ShownAs"/>).
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class RecordedAtTransformationAttribute : ArgumentTransformationAttribute
    {
        /// <summary>The type the help shows for the parameter (tools/Alpharun.HelpBuilder reads it).</summary>
        public Type ShownAs => typeof(DateTimeOffset);

        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            object? value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            switch (value)
            {
                case null:
                case RecordedAtValue _:
                    return value;
                case DateTimeOffset instant:
                    return RecordedAtValue.FromInstant(instant);
                case DateTime dateTime:
                    return RecordedAtValue.FromDateTime(dateTime);
                case string text when text.Trim().Length == 0:
                    // A blank CSV cell means "not given": the recording's own date, else its last write time, is used.
                    return null;
                case string text:
                    return RecordedAtValue.Parse(text);
                default:
                    return RecordedAtValue.Unusable(value);
            }
        }
    }
}

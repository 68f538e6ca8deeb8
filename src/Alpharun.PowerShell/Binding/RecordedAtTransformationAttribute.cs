using System;
using System.Management.Automation;

namespace Alpharun.Commands
{
    /// <summary>
    /// Binds -RecordedAt without guessing a time zone: text must state its offset (PowerShell's own conversion would
    /// silently read "2024-01-15 14:30" in this machine's zone), and a DateTime must be local or UTC.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class RecordedAtTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            object? value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            switch (value)
            {
                case null:
                case DateTimeOffset _:
                    return value;
                case DateTime dateTime when dateTime.Kind == DateTimeKind.Unspecified:
                    throw new ArgumentTransformationMetadataException(
                        $"recorded_at {dateTime:yyyy-MM-ddTHH:mm:ss} has no time zone. Pass a [DateTimeOffset], (Get-Date), or text with an offset such as 2024-01-15T14:30:00-05:00.");
                case DateTime dateTime:
                    return new DateTimeOffset(dateTime);
                case string text when text.Trim().Length == 0:
                    // A blank CSV cell means "not given": the file's last write time is used.
                    return null;
                case string text:
                    if (RecordedAtFormat.TryParse(text, out DateTimeOffset parsed, out string reason)) return parsed;
                    throw new ArgumentTransformationMetadataException($"recorded_at '{text}' cannot be used: {reason}.");
                default:
                    return value;
            }
        }
    }
}

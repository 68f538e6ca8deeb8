using System;
using System.Management.Automation;

namespace Alpharun.Commands
{
    /// <summary>
    /// Turns the core's exceptions into ErrorRecords: the error id is the stable name of the rule or failure
    /// (PowerShell appends the cmdlet's type, e.g. InvalidContact,Alpharun.Commands.SendAlpharunRecordingCommand),
    /// the category fits it, and the target is the input the user gave.
    /// </summary>
    internal static class AlpharunErrors
    {
        public static ErrorRecord FromValidation(AlpharunValidationException exception, object? target) =>
            new ErrorRecord(exception, exception.Kind.ToString(), CategoryOf(exception.Kind), target);

        public static ErrorRecord FromApi(AlpharunApiException exception, object? target) =>
            new ErrorRecord(exception, exception.Kind.ToString(), CategoryOf(exception.Kind), target);

        public static ErrorRecord Create(string errorId, ErrorCategory category, string message, object? target, Exception? inner = null) =>
            new ErrorRecord(new InvalidOperationException(message, inner), errorId, category, target);

        public static ErrorRecord InvalidArgument(string errorId, string message, object? target) =>
            new ErrorRecord(new ArgumentException(message), errorId, ErrorCategory.InvalidArgument, target);

        /// <summary>The error's own id, without the command name PowerShell appends once it is written.</summary>
        public static string IdOf(ErrorRecord error)
        {
            string id = error.FullyQualifiedErrorId;
            int comma = id.IndexOf(',');
            return comma < 0 ? id : id.Substring(0, comma);
        }

        public static ErrorCategory CategoryOf(ValidationErrorKind kind)
        {
            switch (kind)
            {
                case ValidationErrorKind.FileNotFound: return ErrorCategory.ObjectNotFound;
                case ValidationErrorKind.EmptyFile: return ErrorCategory.InvalidData;
                case ValidationErrorKind.NotAudio: return ErrorCategory.InvalidData;
                case ValidationErrorKind.FileUnreadable: return ErrorCategory.ReadError;
                case ValidationErrorKind.DuplicateContact: return ErrorCategory.InvalidData;
                default: return ErrorCategory.InvalidArgument;
            }
        }

        public static ErrorCategory CategoryOf(ApiErrorKind kind)
        {
            switch (kind)
            {
                case ApiErrorKind.ApiKeyRejected: return ErrorCategory.AuthenticationError;
                case ApiErrorKind.Forbidden: return ErrorCategory.PermissionDenied;
                case ApiErrorKind.RequestRejected: return ErrorCategory.InvalidData;
                case ApiErrorKind.NoPlaybookRouting: return ErrorCategory.InvalidArgument;
                case ApiErrorKind.RateLimited: return ErrorCategory.LimitsExceeded;
                case ApiErrorKind.ServerError: return ErrorCategory.ResourceUnavailable;
                case ApiErrorKind.ConnectionFailed: return ErrorCategory.ConnectionError;
                case ApiErrorKind.Timeout: return ErrorCategory.OperationTimeout;
                case ApiErrorKind.CertificateRejected: return ErrorCategory.SecurityError;
                case ApiErrorKind.NotAlpharunApi: return ErrorCategory.InvalidArgument;
                case ApiErrorKind.TlsHandshakeFailed: return ErrorCategory.ConnectionError;
                case ApiErrorKind.ProxyAuthenticationRequired: return ErrorCategory.AuthenticationError;
                default: return ErrorCategory.InvalidResult;
            }
        }
    }
}

using System;
using System.Runtime.InteropServices;
using System.Text;

namespace Alpharun
{
    /// <summary>
    /// What makes two uploads of one batch the same call: the same file (by full path) sent with the same teammate,
    /// recorded_at, playbook and contacts. A file listed twice with the same fields is one recording; with other
    /// fields (two CSV rows naming one file for two teammates) it is two requests.
    /// </summary>
    public static class UploadIdentity
    {
        // Windows file names are case-insensitive: C:\Calls\A.wav and c:\calls\a.wav are one file.
        private static readonly StringComparison PathComparison =
            RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

        /// <summary>A text equal for two requests exactly when they are the same upload.</summary>
        public static string Of(RecordingUploadRequest request)
        {
            if (request is null) throw new ArgumentNullException(nameof(request));
            string path = PathComparison == StringComparison.OrdinalIgnoreCase ? request.FilePath.ToUpperInvariant() : request.FilePath;
            return new StringBuilder(path).Append('\n')
                .Append(request.Teammate.ToLowerInvariant()).Append('\n')
                .Append(RecordedAtFormat.Format(request.RecordedAt)).Append('\n')
                .Append(request.PlaybookId?.ToString("D") ?? "-").Append('\n')
                .Append(Encoding.UTF8.GetString(ContactsJson.Encode(request.Contacts)))
                .ToString();
        }
    }
}

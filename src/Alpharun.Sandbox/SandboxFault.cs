using System;
using System.Globalization;
using System.Threading;

namespace Alpharun.Sandbox
{
    /// <summary>
    /// One queued misbehaviour (see <see cref="SandboxServer.AddFault"/>), applied to the next <see cref="Count"/>
    /// upload requests that carry a valid key. Immutable.
    /// </summary>
    public sealed class SandboxFault
    {
        private SandboxFault(SandboxFaultKind kind, int count, int statusCode, string? retryAfter, long afterBytes, TimeSpan delay,
            bool beforeBody = false, bool echoHeaders = false, string? fileName = null)
        {
            BeforeBody = beforeBody;
            EchoHeaders = echoHeaders;
            FileName = fileName;
            if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "A fault applies to at least one request.");
            Kind = kind;
            Count = count;
            StatusCode = statusCode;
            RetryAfter = retryAfter;
            AfterBytes = afterBytes;
            Delay = delay;
        }

        /// <summary>What the fault does.</summary>
        public SandboxFaultKind Kind { get; }

        /// <summary>How many requests it applies to (at least 1); in <see cref="SandboxServer.PendingFaults"/>, how many are left.</summary>
        public int Count { get; }

        /// <summary>The status answered, for <see cref="SandboxFaultKind.Status"/>; otherwise 0.</summary>
        public int StatusCode { get; }

        /// <summary>The <c>Retry-After</c> value sent as given, for <see cref="SandboxFaultKind.Status"/>; null sends none.</summary>
        public string? RetryAfter { get; }

        /// <summary>How many body bytes are read before the reset, for <see cref="SandboxFaultKind.DropConnection"/>.</summary>
        public long AfterBytes { get; }

        /// <summary>How long the answer is held back, for <see cref="SandboxFaultKind.Stall"/>; otherwise zero.</summary>
        public TimeSpan Delay { get; }

        /// <summary>
        /// For <see cref="SandboxFaultKind.Status"/>: the status is answered as soon as the request's head is read, the
        /// body is never read (no <c>100 Continue</c>), and the connection is closed — as a gateway refusing a key or a
        /// size does.
        /// </summary>
        public bool BeforeBody { get; }

        /// <summary>For <see cref="SandboxFaultKind.Status"/>: the answer's message echoes every request header, Authorization included.</summary>
        public bool EchoHeaders { get; }

        /// <summary>
        /// For <see cref="SandboxFaultKind.Status"/>: a file name pattern (<c>*</c> and <c>?</c>, any case); the fault
        /// applies only to uploads whose audio file name matches, and other uploads pass it by. Null: every upload.
        /// </summary>
        public string? FileName { get; }

        /// <summary>
        /// Answers <paramref name="statusCode"/> (400-599) with a JSON <c>{"message": ...}</c> body, and a
        /// <c>Retry-After</c> header when <paramref name="retryAfter"/> is given (delay seconds or an HTTP date, sent
        /// verbatim). The body is read to its end first, so the client gets a clean answer on a reusable connection.
        /// </summary>
        /// <param name="statusCode">The status, 400 to 599.</param>
        /// <param name="count">How many (matching) uploads it applies to.</param>
        /// <param name="retryAfter">A Retry-After value sent verbatim, e.g. "100000" or an HTTP date.</param>
        /// <param name="beforeBody">Answer on the head alone and close, see <see cref="BeforeBody"/>.</param>
        /// <param name="echoHeaders">Echo the request headers in the message, see <see cref="EchoHeaders"/>.</param>
        /// <param name="fileName">Only uploads whose file name matches, see <see cref="FileName"/>.</param>
        public static SandboxFault Status(int statusCode, int count = 1, string? retryAfter = null, bool beforeBody = false, bool echoHeaders = false, string? fileName = null)
        {
            // Error statuses only: a 1xx would be taken as interim and a 2xx/3xx would need a body this fault cannot give.
            if (statusCode < 400 || statusCode > 599)
            {
                throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "A status fault answers an error status, 400 to 599.");
            }
            if (retryAfter != null && !IsHeaderValue(retryAfter))
            {
                throw new ArgumentException("Retry-After is sent verbatim, so it must be non-empty visible ASCII on one line, without leading or trailing spaces.", nameof(retryAfter));
            }
            if (fileName != null && fileName.Trim().Length == 0) throw new ArgumentException("The file name pattern is empty. Pass a name such as 'call-7.wav' or a pattern such as 'bad-*.wav'.", nameof(fileName));
            if (fileName != null && beforeBody)
            {
                throw new ArgumentException("A fault for one file cannot answer before the body: the file name is in the body. Leave out the file name, or answer after the body.", nameof(fileName));
            }
            return new SandboxFault(SandboxFaultKind.Status, count, statusCode, retryAfter, 0, TimeSpan.Zero, beforeBody, echoHeaders, fileName);
        }

        /// <summary>
        /// Reads <paramref name="afterBytes"/> bytes of the body (0: none), then resets the connection (TCP RST) with
        /// no answer, as a crashing server or a proxy cutting the line would.
        /// </summary>
        public static SandboxFault DropConnection(int count = 1, long afterBytes = 0)
        {
            if (afterBytes < 0) throw new ArgumentOutOfRangeException(nameof(afterBytes), afterBytes, "afterBytes cannot be negative.");
            return new SandboxFault(SandboxFaultKind.DropConnection, count, 0, null, afterBytes, TimeSpan.Zero);
        }

        /// <summary>
        /// Handles the upload as usual (a valid one is recorded) but waits <paramref name="delay"/> after reading the
        /// body before answering; <see cref="Timeout.InfiniteTimeSpan"/> waits until the server stops, which ends
        /// any stall early.
        /// </summary>
        public static SandboxFault Stall(TimeSpan delay, int count = 1)
        {
            // Task.Delay's limit; "infinite" is kept for clients whose timeout is the thing under test.
            bool finite = delay > TimeSpan.Zero && delay.TotalMilliseconds <= int.MaxValue;
            if (!finite && delay != Timeout.InfiniteTimeSpan)
            {
                throw new ArgumentOutOfRangeException(nameof(delay), delay, "The delay must be positive and at most int.MaxValue milliseconds, or Timeout.InfiniteTimeSpan.");
            }
            return new SandboxFault(SandboxFaultKind.Stall, count, 0, null, 0, delay);
        }

        /// <summary>The fault as the call that makes it, e.g. <c>Status(503, count: 2, retryAfter: "1")</c>.</summary>
        public override string ToString()
        {
            string count = Count.ToString(CultureInfo.InvariantCulture);
            switch (Kind)
            {
                case SandboxFaultKind.Status:
                    string status = StatusCode.ToString(CultureInfo.InvariantCulture);
                    return $"Status({status}, count: {count}"
                        + (RetryAfter is null ? string.Empty : $", retryAfter: \"{RetryAfter}\"")
                        + (BeforeBody ? ", beforeBody: true" : string.Empty)
                        + (EchoHeaders ? ", echoHeaders: true" : string.Empty)
                        + (FileName is null ? string.Empty : $", fileName: \"{FileName}\"")
                        + ")";
                case SandboxFaultKind.DropConnection:
                    return $"DropConnection(count: {count}, afterBytes: {AfterBytes.ToString(CultureInfo.InvariantCulture)})";
                default:
                    string delay = Delay == Timeout.InfiniteTimeSpan ? "infinite" : Delay.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + " ms";
                    return $"Stall({delay}, count: {count})";
            }
        }

        /// <summary>The same fault with <paramref name="count"/> uses, for snapshots of the queue.</summary>
        internal SandboxFault WithCount(int count) => new SandboxFault(Kind, count, StatusCode, RetryAfter, AfterBytes, Delay, BeforeBody, EchoHeaders, FileName);

        /// <summary>True when this fault applies to an upload of <paramref name="fileName"/>.</summary>
        internal bool AppliesToFile(string? fileName)
        {
            if (FileName is null) return true;
            if (fileName is null) return false;
            string pattern = "^" + System.Text.RegularExpressions.Regex.Escape(FileName).Replace("\\*", ".*").Replace("\\?", ".") + "$";
            return System.Text.RegularExpressions.Regex.IsMatch(fileName, pattern, System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant);
        }

        // RFC 9110 field-value, narrowed to ASCII: the response head is written as ASCII.
        private static bool IsHeaderValue(string value)
        {
            if (value.Length == 0 || value[0] == ' ' || value[0] == '\t' || value[value.Length - 1] == ' ' || value[value.Length - 1] == '\t') return false;
            foreach (char c in value)
            {
                if ((c < 0x20 || c > 0x7E) && c != '\t') return false;
            }
            return true;
        }
    }
}

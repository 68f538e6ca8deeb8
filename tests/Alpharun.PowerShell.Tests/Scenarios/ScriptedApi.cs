using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Alpharun.PowerShell.Tests.Security;

namespace Alpharun.PowerShell.Tests
{
    /// <summary>
    /// A loopback upload API whose answer to each file the test scripts by the file's name: 201 at once, 401, or an
    /// answer held until the test releases it (a held upload whose client closes the connection first is recorded in
    /// <see cref="ClosedByClient"/> and never answered). It records which files arrived, so a test can wait for a
    /// request instead of sleeping.
    /// </summary>
    internal sealed class ScriptedApi : IDisposable
    {
        public const string InvalidKeyBody = "{\"message\":\"Invalid API key.\"}";

        private static readonly Regex FileNameInBody = new Regex("filename=\"([^\"]+)\"", RegexOptions.CultureInvariant);

        private readonly ConcurrentDictionary<string, TaskCompletionSource> _holds = new ConcurrentDictionary<string, TaskCompletionSource>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, (int Status, string Body)> _answers = new ConcurrentDictionary<string, (int, string)>(StringComparer.Ordinal);
        private readonly ConcurrentQueue<string> _arrived = new ConcurrentQueue<string>();
        private readonly ConcurrentQueue<string> _answered = new ConcurrentQueue<string>();
        private readonly ConcurrentQueue<string> _closedByClient = new ConcurrentQueue<string>();
        private readonly ConcurrentQueue<string> _closedAfterAnswer = new ConcurrentQueue<string>();

        public ScriptedApi()
        {
            Server = new LoopbackServer(ServeAsync);
        }

        public LoopbackServer Server { get; }

        public string BaseUri => Server.BaseUri;

        /// <summary>File names whose request (head and body) was read, in arrival order.</summary>
        public IReadOnlyList<string> Arrived => _arrived.ToArray();

        /// <summary>File names whose answer was written.</summary>
        public IReadOnlyList<string> Answered => _answered.ToArray();

        /// <summary>File names whose held upload the client gave up on (closed or reset its connection) before the release.</summary>
        public IReadOnlyList<string> ClosedByClient => _closedByClient.ToArray();

        /// <summary>
        /// File names whose answer the client read to its end: every answer says "Connection: close", and the client
        /// closes the connection once it has read it, just before the upload's task ends.
        /// </summary>
        public IReadOnlyList<string> ClosedAfterAnswer => _closedAfterAnswer.ToArray();

        /// <summary>Answers <paramref name="fileName"/> with <paramref name="status"/> and <paramref name="body"/> (201 with a new id by default).</summary>
        public ScriptedApi Answer(string fileName, int status, string body)
        {
            _answers[fileName] = (status, body);
            return this;
        }

        /// <summary>Holds the answer to <paramref name="fileName"/> until <see cref="Release"/> (at most 60 s, then no answer).</summary>
        public ScriptedApi Hold(string fileName)
        {
            _holds[fileName] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return this;
        }

        public void Release(string fileName) => _holds[fileName].TrySetResult();

        public static string CreatedBody(Guid id) => "{\"data\":{\"recording\":{\"id\":\"" + id.ToString("D") + "\"}}}";

        public void Dispose()
        {
            foreach (TaskCompletionSource hold in _holds.Values) hold.TrySetResult();
            Server.Dispose();
        }

        private async Task ServeAsync(LoopbackExchange exchange)
        {
            string? head = await exchange.ReadHeadAsync();
            if (head is null) return;
            string body = Encoding.UTF8.GetString(await exchange.ReadBodyBytesAsync(LoopbackExchange.ContentLength(head)));
            Match name = FileNameInBody.Match(body);
            string file = name.Success ? name.Groups[1].Value : string.Empty;
            _arrived.Enqueue(file);
            if (_holds.TryGetValue(file, out TaskCompletionSource? hold))
            {
                // Held: the answer waits for the release while the connection is watched for the client closing it.
                using var watching = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                Task<bool> closed = exchange.WaitForClientToCloseAsync(watching.Token);
                if (await Task.WhenAny(closed, hold.Task) == hold.Task) watching.Cancel();
                if (await closed)
                {
                    _closedByClient.Enqueue(file);
                    return;
                }
                if (!hold.Task.IsCompleted) return; // 60 s without a release: no answer
            }
            (int status, string answer) = _answers.TryGetValue(file, out var scripted) ? scripted : (201, CreatedBody(Guid.NewGuid()));
            await exchange.WriteResponseAsync(status, Encoding.UTF8.GetBytes(answer), "Content-Type: application/json");
            _answered.Enqueue(file);
            using var closing = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            if (await exchange.WaitForClientToCloseAsync(closing.Token)) _closedAfterAnswer.Enqueue(file);
        }
    }
}

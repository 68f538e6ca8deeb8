using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Alpharun.PowerShell.Tests.Security;

namespace Alpharun.PowerShell.Tests
{
    /// <summary>
    /// A loopback upload API whose answer to each file the test scripts by the file's name: 201 at once, 401, or an
    /// answer held until the test releases it. It records which files arrived, so a test can wait for a request
    /// instead of sleeping.
    /// </summary>
    internal sealed class ScriptedApi : IDisposable
    {
        public const string InvalidKeyBody = "{\"message\":\"Invalid API key.\"}";

        private static readonly Regex FileNameInBody = new Regex("filename=\"([^\"]+)\"", RegexOptions.CultureInvariant);

        private readonly ConcurrentDictionary<string, TaskCompletionSource> _holds = new ConcurrentDictionary<string, TaskCompletionSource>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, (int Status, string Body)> _answers = new ConcurrentDictionary<string, (int, string)>(StringComparer.Ordinal);
        private readonly ConcurrentQueue<string> _arrived = new ConcurrentQueue<string>();
        private readonly ConcurrentQueue<string> _answered = new ConcurrentQueue<string>();

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

        /// <summary>Answers <paramref name="fileName"/> with <paramref name="status"/> and <paramref name="body"/> (201 with a new id by default).</summary>
        public ScriptedApi Answer(string fileName, int status, string body)
        {
            _answers[fileName] = (status, body);
            return this;
        }

        /// <summary>Holds the answer to <paramref name="fileName"/> until <see cref="Release"/>.</summary>
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
            if (_holds.TryGetValue(file, out TaskCompletionSource? hold)) await hold.Task.WaitAsync(TimeSpan.FromSeconds(60), exchange.Stopping);
            (int status, string answer) = _answers.TryGetValue(file, out var scripted) ? scripted : (201, CreatedBody(Guid.NewGuid()));
            await exchange.WriteResponseAsync(status, Encoding.UTF8.GetBytes(answer), "Content-Type: application/json");
            _answered.Enqueue(file);
        }
    }

    /// <summary>
    /// A pipeline run asynchronously whose output and progress records land in one log in the order the command
    /// wrote them (both are written on the pipeline thread), so a test can tell which came first.
    /// </summary>
    internal sealed class OrderedRun : IDisposable
    {
        private readonly ConcurrentQueue<string> _log = new ConcurrentQueue<string>();
        private readonly PSDataCollection<PSObject> _output = new PSDataCollection<PSObject>();
        private IAsyncResult? _running;

        public OrderedRun(PwshSession session, string script, params object?[] args)
        {
            Pipeline = session.CreatePipeline();
            Pipeline.AddScript(script);
            foreach (object? arg in args) Pipeline.AddArgument(arg);
            _output.DataAdded += (sender, e) =>
            {
                PSObject item = _output[e.Index];
                string what = "output " + item.Properties["FileName"]?.Value;
                _log.Enqueue(what);
                OutputAdded?.Invoke(item);
            };
            Pipeline.Streams.Progress.DataAdded += (sender, e) =>
            {
                ProgressRecord record = Pipeline.Streams.Progress[e.Index];
                _log.Enqueue($"progress {record.RecordType} {record.Activity}");
                ProgressAdded?.Invoke(record);
            };
        }

        public System.Management.Automation.PowerShell Pipeline { get; }

        /// <summary>Called on the pipeline thread as each record is written.</summary>
        public Action<ProgressRecord>? ProgressAdded { get; set; }

        /// <summary>Called on the pipeline thread as each output object is written.</summary>
        public Action<PSObject>? OutputAdded { get; set; }

        public IReadOnlyList<string> Log => _log.ToArray();

        public IReadOnlyList<PSObject> Output => _output.ToArray();

        public IReadOnlyList<ProgressRecord> Progress => Pipeline.Streams.Progress.ToArray();

        public void Start() => _running = Pipeline.BeginInvoke<PSObject, PSObject>(null, _output);

        /// <summary>Waits for the end; every error of the run (a statement-terminating one is written to the error stream too).</summary>
        public IReadOnlyList<ErrorRecord> End()
        {
            var errors = new List<ErrorRecord>();
            try
            {
                Pipeline.EndInvoke(_running!);
            }
            catch (RuntimeException e)
            {
                errors.Add(e.ErrorRecord);
            }
            return Pipeline.Streams.Error.Concat(errors).ToList();
        }

        public void Dispose()
        {
            Pipeline.Dispose();
            _output.Dispose();
        }
    }
}

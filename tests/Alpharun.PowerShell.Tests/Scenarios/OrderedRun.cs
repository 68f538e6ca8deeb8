using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace Alpharun.PowerShell.Tests
{
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

using System.Collections.Generic;
using System.Linq;

namespace Alpharun.Sandbox
{
    /// <summary>
    /// The queued faults, first in first out, and the count of authenticated upload requests. Uploads arrive in
    /// parallel, so counting a request and taking a use of a fault are one step under one lock.
    /// </summary>
    internal sealed class FaultQueue
    {
        private readonly object _gate = new object();
        private readonly Queue<Entry> _entries = new Queue<Entry>();
        private int _requestCount;

        public int RequestCount
        {
            get
            {
                lock (_gate) return _requestCount;
            }
        }

        public void Add(SandboxFault fault)
        {
            lock (_gate) _entries.Enqueue(new Entry(fault));
        }

        public void Clear()
        {
            lock (_gate) _entries.Clear();
        }

        /// <summary>The pending faults, each with the uses it has left.</summary>
        public IReadOnlyList<SandboxFault> Snapshot()
        {
            lock (_gate) return _entries.Select(e => e.Fault.WithCount(e.Remaining)).ToArray();
        }

        /// <summary>
        /// Counts one authenticated upload request and takes one use of the first fault for every file; null when none
        /// is queued. Faults for one file (<see cref="SandboxFault.FileName"/>) wait for <see cref="TakeForFile"/>.
        /// </summary>
        public SandboxFault? TakeForRequest()
        {
            lock (_gate)
            {
                _requestCount++;
                return TakeFirst(e => e.Fault.FileName is null);
            }
        }

        /// <summary>True while a fault for one file is queued: uploads are then read before the sandbox answers.</summary>
        public bool HasFileFaults
        {
            get
            {
                lock (_gate) return _entries.Any(e => e.Fault.FileName != null);
            }
        }

        /// <summary>Takes one use of the first fault for one file that matches <paramref name="fileName"/>; null when none does.</summary>
        public SandboxFault? TakeForFile(string? fileName)
        {
            lock (_gate) return TakeFirst(e => e.Fault.FileName != null && e.Fault.AppliesToFile(fileName));
        }

        private SandboxFault? TakeFirst(System.Func<Entry, bool> applies)
        {
            Entry? found = _entries.FirstOrDefault(applies);
            if (found is null) return null;
            if (--found.Remaining == 0)
            {
                var rest = _entries.Where(e => !ReferenceEquals(e, found)).ToArray();
                _entries.Clear();
                foreach (Entry e in rest) _entries.Enqueue(e);
            }
            return found.Fault;
        }

        private sealed class Entry
        {
            public Entry(SandboxFault fault)
            {
                Fault = fault;
                Remaining = fault.Count;
            }

            public SandboxFault Fault { get; }

            public int Remaining { get; set; }
        }
    }
}

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

        /// <summary>Counts one authenticated upload request and takes one use of the first fault; null when none is queued.</summary>
        public SandboxFault? TakeForRequest()
        {
            lock (_gate)
            {
                _requestCount++;
                if (_entries.Count == 0) return null;
                Entry first = _entries.Peek();
                if (--first.Remaining == 0) _entries.Dequeue();
                return first.Fault;
            }
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

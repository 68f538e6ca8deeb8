using System;
using System.Collections.Generic;
using System.Linq;

namespace Alpharun.Commands
{
    /// <summary>What this session uploaded with, for tab completion: recent teammates and playbook ids, newest first.</summary>
    public sealed class AlpharunSessionHistory
    {
        private const int Capacity = 20;
        private readonly object _gate = new object();
        private readonly LinkedList<string> _teammates = new LinkedList<string>();
        private readonly LinkedList<string> _playbookIds = new LinkedList<string>();

        /// <summary>Teammate emails, newest first.</summary>
        public IReadOnlyList<string> Teammates
        {
            get { lock (_gate) return _teammates.ToList(); }
        }

        /// <summary>Playbook ids, newest first.</summary>
        public IReadOnlyList<string> PlaybookIds
        {
            get { lock (_gate) return _playbookIds.ToList(); }
        }

        internal void Remember(RecordingUpload upload)
        {
            lock (_gate)
            {
                Push(_teammates, upload.Teammate);
                if (upload.PlaybookId.HasValue) Push(_playbookIds, upload.PlaybookId.Value.ToString("D"));
            }
        }

        private static void Push(LinkedList<string> list, string value)
        {
            LinkedListNode<string>? same = list.First;
            while (same != null && !string.Equals(same.Value, value, StringComparison.OrdinalIgnoreCase)) same = same.Next;
            if (same != null) list.Remove(same);
            list.AddFirst(value);
            if (list.Count > Capacity) list.RemoveLast();
        }
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;

namespace Alpharun.Sandbox
{
    /// <summary>
    /// What the sandbox accepted, in order, and the ids it handed out. A recording is the same one again when its
    /// audio bytes, teammate (case-insensitive) and recorded_at instant match, as the API's deduplication does.
    /// </summary>
    internal sealed class RecordingStore
    {
        private readonly object _gate = new object();
        private readonly List<SandboxRecording> _accepted = new List<SandboxRecording>();
        private readonly Dictionary<string, Guid> _ids = new Dictionary<string, Guid>(StringComparer.Ordinal);

        /// <summary>Records an accepted upload; the status says whether it is new. Check and insert are one step, so concurrent repeats get one id.</summary>
        public SandboxRecording Accept(ReceivedUpload upload)
        {
            string key = upload.Sha256 + "|" + EmailAddressRule.Normalize(upload.Teammate) + "|" + upload.RecordedAtParsed.UtcTicks.ToString(CultureInfo.InvariantCulture);
            lock (_gate)
            {
                RecordingUploadStatus status = RecordingUploadStatus.AlreadyExisted;
                if (!_ids.TryGetValue(key, out Guid id))
                {
                    id = Guid.NewGuid();
                    _ids.Add(key, id);
                    status = RecordingUploadStatus.Created;
                }
                var recording = new SandboxRecording(id, status, upload, DateTimeOffset.Now);
                _accepted.Add(recording);
                return recording;
            }
        }

        public IReadOnlyList<SandboxRecording> Snapshot()
        {
            lock (_gate) return _accepted.ToArray();
        }
    }
}

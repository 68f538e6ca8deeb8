using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;

namespace Alpharun.Commands
{
    /// <summary>
    /// Write-Progress for a batch: one bar for the batch (files done, bytes, failures) and one child bar per upload
    /// in flight (bytes sent of total, rate). Records are throttled to a few a second, because a record per chunk
    /// makes transfers many times slower (PowerShell issue #2138); every bar shown is completed at the end; nothing
    /// is written when progress is silenced.
    /// </summary>
    internal sealed class BatchProgress
    {
        private const int BatchActivityId = 4242;
        private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

        private readonly Cmdlet _cmdlet;
        private readonly bool _enabled;
        private readonly bool _showBatch;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly Dictionary<RecordingUploadRequest, (int ActivityId, TimeSpan Started)> _lanes = new Dictionary<RecordingUploadRequest, (int, TimeSpan)>();
        private TimeSpan _lastWrite = TimeSpan.FromSeconds(-1);
        private int _nextLaneId = BatchActivityId + 1;
        private bool _batchShown;

        public BatchProgress(Cmdlet cmdlet, bool enabled, bool showBatch)
        {
            _cmdlet = cmdlet;
            _enabled = enabled;
            _showBatch = showBatch;
        }

        public int FilesDone { get; set; }

        public int Failures { get; set; }

        public long BytesDone { get; set; }

        /// <summary>Writes the bars if the last write was long enough ago (or <paramref name="force"/>).</summary>
        public void Update(IReadOnlyCollection<KeyValuePair<RecordingUploadRequest, (long Sent, long Total)>> sending, bool force = false)
        {
            if (!_enabled) return;
            TimeSpan now = _clock.Elapsed;
            if (!force && now - _lastWrite < Interval) return;
            _lastWrite = now;

            long inFlightBytes = 0;
            foreach (var lane in sending)
            {
                inFlightBytes += lane.Value.Sent;
                if (!_lanes.TryGetValue(lane.Key, out var info))
                {
                    info = (_nextLaneId++, now);
                    _lanes[lane.Key] = info;
                }
                double seconds = Math.Max(0.001, (now - info.Started).TotalSeconds);
                var record = new ProgressRecord(info.ActivityId, "Sending " + lane.Key.FileName,
                    $"{Size(lane.Value.Sent)} of {Size(lane.Value.Total)} at {Size((long)(lane.Value.Sent / seconds))}/s")
                {
                    PercentComplete = lane.Value.Total > 0 ? (int)Math.Min(100, lane.Value.Sent * 100 / lane.Value.Total) : -1,
                    ParentActivityId = _showBatch ? BatchActivityId : -1,
                };
                _cmdlet.WriteProgress(record);
            }

            if (_showBatch)
            {
                _batchShown = true;
                _cmdlet.WriteProgress(new ProgressRecord(BatchActivityId, "Uploading recordings to Alpharun",
                    $"{FilesDone} done, {Failures} failed, {Size(BytesDone + inFlightBytes)} sent"));
            }
        }

        /// <summary>Completes the bar of an upload that ended.</summary>
        public void Finish(RecordingUploadRequest request)
        {
            if (!_enabled || !_lanes.TryGetValue(request, out var info)) return;
            _lanes.Remove(request);
            _cmdlet.WriteProgress(new ProgressRecord(info.ActivityId, "Sending " + request.FileName, "Done")
            {
                RecordType = ProgressRecordType.Completed,
                ParentActivityId = _showBatch ? BatchActivityId : -1,
            });
        }

        /// <summary>Completes every bar still shown.</summary>
        public void Complete()
        {
            if (!_enabled) return;
            foreach (RecordingUploadRequest request in _lanes.Keys.ToList()) Finish(request);
            if (_batchShown)
            {
                _cmdlet.WriteProgress(new ProgressRecord(BatchActivityId, "Uploading recordings to Alpharun",
                    $"{FilesDone} done, {Failures} failed, {Size(BytesDone)} sent") { RecordType = ProgressRecordType.Completed });
                _batchShown = false;
            }
        }

        private static string Size(long bytes)
        {
            if (bytes < 1024) return bytes + " B";
            if (bytes < 1024 * 1024) return (bytes / 1024.0).ToString("0.0", System.Globalization.CultureInfo.CurrentCulture) + " KiB";
            if (bytes < 1024L * 1024 * 1024) return (bytes / 1048576.0).ToString("0.0", System.Globalization.CultureInfo.CurrentCulture) + " MiB";
            return (bytes / 1073741824.0).ToString("0.00", System.Globalization.CultureInfo.CurrentCulture) + " GiB";
        }
    }
}

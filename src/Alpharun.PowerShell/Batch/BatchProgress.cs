using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;

namespace Alpharun.Commands
{
    /// <summary>
    /// Write-Progress for a batch: one bar for the batch (files done, failed and being sent, bytes) and one child bar per
    /// upload in flight (bytes sent of total, rate). A file counts as done when the API accepts it, not when its output
    /// is written: behind one large file still being sent, the small ones after it show as done. Records are throttled to a few a second, because a record per chunk
    /// makes transfers many times slower (PowerShell issue #2138); every bar shown is completed at the end; nothing
    /// is written when progress is silenced.
    /// </summary>
    internal sealed class BatchProgress
    {
        private const int BatchActivityId = 4242;
        private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

        private readonly Cmdlet _cmdlet;
        private readonly bool _enabled;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly Dictionary<RecordingUploadRequest, (int ActivityId, TimeSpan Started)> _lanes = new Dictionary<RecordingUploadRequest, (int, TimeSpan)>();
        private TimeSpan _lastWrite = TimeSpan.FromSeconds(-1);
        private int _nextLaneId = BatchActivityId + 1;
        private bool _batchShown;

        public BatchProgress(Cmdlet cmdlet, bool enabled)
        {
            _cmdlet = cmdlet;
            _enabled = enabled;
        }

        /// <summary>Whether a batch bar sits above the per-upload bars: more than one file, or piped input.</summary>
        public bool ShowBatch { get; set; }

        /// <summary>Writes the bars if the last write was long enough ago (or <paramref name="force"/>).</summary>
        public void Update(UploadBatch batch, bool force = false)
        {
            if (!_enabled) return;
            TimeSpan now = _clock.Elapsed;
            if (!force && now - _lastWrite < Interval) return;
            _lastWrite = now;
            // Taken only when a record is due: it copies the batch's table of uploads in flight.
            var sending = batch.Sending;

            long inFlightBytes = 0;
            int inFlight = 0;
            foreach (var lane in sending)
            {
                inFlightBytes += lane.Value.Sent;
                inFlight++;
                if (!_lanes.TryGetValue(lane.Key, out var info))
                {
                    info = (_nextLaneId++, now);
                    _lanes[lane.Key] = info;
                }
                var record = new ProgressRecord(info.ActivityId, "Sending " + lane.Key.FileName, LaneStatus(lane.Value.Sent, lane.Value.Total, now - info.Started))
                {
                    PercentComplete = lane.Value.Total > 0 ? (int)Math.Min(100, lane.Value.Sent * 100 / lane.Value.Total) : -1,
                    ParentActivityId = ShowBatch ? BatchActivityId : -1,
                };
                _cmdlet.WriteProgress(record);
            }

            if (ShowBatch)
            {
                _batchShown = true;
                _cmdlet.WriteProgress(new ProgressRecord(BatchActivityId, "Uploading recordings to Alpharun", BatchStatus(batch.Done, batch.Failed, inFlight, batch.AcceptedBytes + inFlightBytes))
                {
                    PercentComplete = BatchPercent(batch.Done + batch.Failed),
                });
            }
        }

        /// <summary>How many files the batch has, when known before it starts (paths given as arguments, not piped).</summary>
        public int? TotalFiles { get; set; }

        // A rate measured over less than this is noise: a small file "sent" in 1 ms reads as GiB/s.
        private static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(1);

        internal static string LaneStatus(long sent, long total, TimeSpan elapsed)
        {
            if (total > 0 && sent >= total) return $"{Size(total)} sent, waiting for the API's answer";
            string status = $"{Size(sent)} of {Size(total)}";
            return elapsed >= RateWindow ? $"{status} at {Size((long)(sent / elapsed.TotalSeconds))}/s" : status;
        }

        internal string BatchStatus(int done, int failed, int sending, long bytesSent)
        {
            string files = TotalFiles.HasValue ? $"{done + failed} of {TotalFiles} files" : $"{done + failed} files";
            string inFlight = sending > 0 ? $", {sending} sending" : string.Empty;
            return $"{files} ({done} done, {failed} failed{inFlight}), {Size(bytesSent)} sent";
        }

        // Piped input has no known length, so its bar shows counts only.
        private int BatchPercent(int ended) =>
            TotalFiles is int total && total > 0 ? (int)Math.Min(100, ended * 100L / total) : -1;

        /// <summary>Completes the bar of an upload that ended.</summary>
        public void Finish(RecordingUploadRequest request)
        {
            // Not TryGetValue in the condition: a mutant of it (|| to &&) leaves the id unassigned and does not
            // compile, which made the mutation tool drop every mutant of this method.
            if (!_enabled || !_lanes.ContainsKey(request)) return;
            var info = _lanes[request];
            _lanes.Remove(request);
            _cmdlet.WriteProgress(new ProgressRecord(info.ActivityId, "Sending " + request.FileName, "Done")
            {
                RecordType = ProgressRecordType.Completed,
                ParentActivityId = ShowBatch ? BatchActivityId : -1,
            });
        }

        /// <summary>Completes every bar still shown.</summary>
        public void Complete(UploadBatch batch)
        {
            if (!_enabled) return;
            foreach (RecordingUploadRequest request in _lanes.Keys.ToList()) Finish(request);
            if (_batchShown)
            {
                _cmdlet.WriteProgress(new ProgressRecord(BatchActivityId, "Uploading recordings to Alpharun", BatchStatus(batch.Done, batch.Failed, 0, batch.AcceptedBytes))
                {
                    RecordType = ProgressRecordType.Completed,
                    PercentComplete = 100,
                });
                _batchShown = false;
            }
        }

        internal static string Size(long bytes)
        {
            if (bytes < 1024) return bytes + " B";
            if (bytes < 1024 * 1024) return (bytes / 1024.0).ToString("0.0", System.Globalization.CultureInfo.CurrentCulture) + " KiB";
            if (bytes < 1024L * 1024 * 1024) return (bytes / 1048576.0).ToString("0.0", System.Globalization.CultureInfo.CurrentCulture) + " MiB";
            return (bytes / 1073741824.0).ToString("0.00", System.Globalization.CultureInfo.CurrentCulture) + " GiB";
        }
    }
}

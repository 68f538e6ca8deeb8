using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Alpharun.Commands
{
    /// <summary>
    /// The files of one Send-AlpharunRecording call, in input order. Up to the throttle limit upload at once on
    /// tasks; what they report (bytes sent, retries, completion) is queued here and taken by the pipeline thread,
    /// which alone writes output, errors, verbose and progress. Items leave in input order, each exactly once.
    /// </summary>
    internal sealed class UploadBatch : IUploadObserver
    {
        private readonly Queue<BatchItem> _items = new Queue<BatchItem>();
        private readonly ConcurrentQueue<UploadRetry> _retries = new ConcurrentQueue<UploadRetry>();
        private readonly ConcurrentDictionary<RecordingUploadRequest, (long Sent, long Total)> _sending = new ConcurrentDictionary<RecordingUploadRequest, (long, long)>();
        // Set when an upload ends or retries; waited on by the pipeline thread. No spinning before it blocks: the
        // uploads and, on a small machine, the server need the cores more than the waiting thread does.
        private readonly ManualResetEventSlim _changed = new ManualResetEventSlim(false, 0);
        private readonly int _throttleLimit;
        // Counted as each file ends, whatever the output order: what the batch bar shows.
        private int _done;
        private int _failed;
        private long _acceptedBytes;

        public UploadBatch(int throttleLimit)
        {
            _throttleLimit = throttleLimit;
        }

        public int InFlight
        {
            get
            {
                int running = 0;
                foreach (BatchItem item in _items)
                {
                    // A repeat sends nothing: it takes no slot.
                    if (item.Upload != null && !item.IsRepeat && !item.Upload.IsCompleted) running++;
                }
                return running;
            }
        }

        public bool HasFreeSlot => InFlight < _throttleLimit;

        /// <summary>Files that ended without an error so far (accepted by the API as its answer arrived, or decided without sending).</summary>
        public int Done => Volatile.Read(ref _done);

        /// <summary>Files that ended as an error so far.</summary>
        public int Failed => Volatile.Read(ref _failed);

        /// <summary>Audio bytes of the uploads the API has accepted so far.</summary>
        public long AcceptedBytes => Interlocked.Read(ref _acceptedBytes);

        public bool IsEmpty => _items.Count == 0;

        /// <summary>
        /// True when every finished item still queued is an accepted upload or a decision without one (a journal
        /// skip): writing them can stop neither the command (-ErrorAction Stop) nor the batch (a rejected key), so the
        /// next upload may start before they are written.
        /// </summary>
        public bool FinishedAreAllAccepted
        {
            get
            {
                foreach (BatchItem item in _items)
                {
                    if (!item.IsDone) continue;
                    if (item.Error != null) return false;
                    if (item.Upload != null && item.Upload.Status != TaskStatus.RanToCompletion) return false;
                }
                return true;
            }
        }

        /// <summary>Bytes sent so far by each upload in flight.</summary>
        public IReadOnlyCollection<KeyValuePair<RecordingUploadRequest, (long Sent, long Total)>> Sending => _sending.ToArray();

        public void Add(BatchItem item)
        {
            _items.Enqueue(item);
            if (item.Upload is null)
            {
                Interlocked.Increment(ref item.Error is null ? ref _done : ref _failed);
                return;
            }
            // Run on the thread that completed the upload: a hop through the thread pool only delays the wake-up.
            item.Upload.ContinueWith(completed =>
            {
                if (completed.Status == TaskStatus.RanToCompletion)
                {
                    Interlocked.Add(ref _acceptedBytes, completed.Result.Length);
                    Interlocked.Increment(ref _done);
                }
                else
                {
                    Interlocked.Increment(ref _failed);
                }
                _sending.TryRemove(item.Request!, out _);
                _changed.Set();
            }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        /// <summary>The items at the head that are done, in input order.</summary>
        public IEnumerable<BatchItem> TakeDone()
        {
            while (_items.Count > 0 && _items.Peek().IsDone) yield return _items.Dequeue();
        }

        /// <summary>Retry notices since the last call.</summary>
        public IEnumerable<UploadRetry> TakeRetries()
        {
            while (_retries.TryDequeue(out UploadRetry? retry)) yield return retry;
        }

        /// <summary>Waits until something changes or <paramref name="timeout"/> passes; throws when cancelled.</summary>
        public void WaitForChange(TimeSpan timeout, CancellationToken cancellationToken)
        {
            _changed.Wait(timeout, cancellationToken);
            // Reset before the caller looks: a change signalled from here on sets it again, and one signalled before
            // is already visible to the caller (the task completed or the retry was queued before the Set).
            _changed.Reset();
        }

        /// <summary>Waits (bounded) for every upload still running to end, so no work outlives the command.</summary>
        public void Quiesce(TimeSpan limit)
        {
            Task[] running = _items.Where(i => i.Upload != null).Select(i => (Task)i.Upload!).ToArray();
            try
            {
                Task.WaitAll(running, limit);
            }
            catch (AggregateException)
            {
                // Cancelled and failed uploads are expected here; their outcome is no longer reported.
            }
        }

        void IUploadObserver.BytesSent(RecordingUploadRequest request, long sent, long total)
        {
            _sending[request] = (sent, total);
        }

        void IUploadObserver.Retrying(UploadRetry retry)
        {
            _retries.Enqueue(retry);
            _sending.TryRemove(retry.Request, out _);
            _changed.Set();
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Security;
using System.Threading;
using System.Threading.Tasks;

namespace Alpharun.Commands
{
    /// <summary>Uploads call recordings to Alpharun for assessment, one output object or one error per file.</summary>
    [Cmdlet(VerbsCommunications.Send, "AlpharunRecording", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(RecordingUploadResult.TypeName)]
    public sealed partial class SendAlpharunRecordingCommand : PSCmdlet, IDisposable
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";

        // Four connections keep a typical uplink busy while small files' round trips overlap, and stay well
        // inside what an API rate limit tolerates; -ThrottleLimit 1 sends strictly one file at a time.
        private const int DefaultThrottleLimit = 4;
        // Five minutes: the longest Retry-After RetryPolicy honours by default; a nightly job then fails fast on a longer one.
        private const int DefaultMaxRateLimitWaitSec = 300;
        private static readonly TimeSpan ProgressTick = TimeSpan.FromMilliseconds(250);
        private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(1);

        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private readonly ContactArgumentCache _contactCache = new ContactArgumentCache();
        private readonly UploadSummary _summary = new UploadSummary();
        private AlpharunClient? _client;
        private UploadBatch? _batch;
        private BatchProgress? _progress;
        private UploadJournal? _journal;
        private UploadPlanner? _planner;
        private bool _debugEnabled;
        private Uri? _target;
        private RecordingPathResolver? _paths;
        private bool _ended;
        // The uploads started in this call, by what they send (UploadIdentity): a file listed again waits for its first upload.
        private readonly Dictionary<string, BatchItem> _started = new Dictionary<string, BatchItem>(StringComparer.Ordinal);

        private RecordingPathResolver Paths => _paths ??= new RecordingPathResolver(SessionState.Path);

        // Path, LiteralPath, Teammate and Contact accept blank values: a blank CSV cell is the file's own error
        // (MissingFile, MissingTeammate, MissingContact) in input order, not the engine's binding error written ahead of it.

        /// <summary>Audio files to upload; wildcards are expanded.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        [AllowNull, AllowEmptyString, AllowEmptyCollection]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(AudioPathCompleter))]
        public string?[]? Path { get; set; } = Array.Empty<string>();

        /// <summary>Audio files to upload, used exactly as written.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [AllowNull, AllowEmptyString, AllowEmptyCollection]
        [ArgumentCompleter(typeof(AudioPathCompleter))]
        public string?[]? LiteralPath { get; set; } = Array.Empty<string>();

        /// <summary>Email of the teammate who took the call.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("TeammateEmail", "teammate_email")]
        [AllowNull, AllowEmptyString]
        [ArgumentCompleter(typeof(TeammateCompleter))]
        public string? Teammate { get; set; } = string.Empty;

        /// <summary>The people on the call: Alpharun.Contact objects, hashtables, objects with contact properties, emails or phone numbers.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("contacts")]
        [AllowNull, AllowEmptyString, AllowEmptyCollection]
        public object?[]? Contact { get; set; } = Array.Empty<object>();

        /// <summary>
        /// When the call was recorded; defaults to the date in the recording's metadata, else the file's last write time.
        /// A value without an offset is read in -TimeZone when the file is planned (RecordedAtValue keeps it until then).
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("recorded_at")]
        [RecordedAtTransformation]
        public RecordedAtValue? RecordedAt { get; set; }

        /// <summary>The time zone of recorded_at values without an offset: an IANA id, a Windows id or Local.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(TimeZoneCompleter))]
        public string? TimeZone { get; set; }

        /// <summary>The playbook to assess with; omitted, the API's routing rules choose.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("playbook_id")]
        [ArgumentCompleter(typeof(PlaybookIdCompleter))]
        [PlaybookIdTransformation]
        public Guid? PlaybookId { get; set; }

        /// <summary>API key for this call only.</summary>
        [Parameter]
        public SecureString? ApiKey { get; set; }

        /// <summary>API base address for this call only.</summary>
        [Parameter]
        public Uri? BaseUri { get; set; }

        /// <summary>Allows a plain-http, non-loopback -BaseUri, which sends the key unencrypted.</summary>
        [Parameter]
        public SwitchParameter AllowUnencryptedAuthentication { get; set; }

        /// <summary>A proxy for this call; a loopback -BaseUri is always reached directly.</summary>
        [Parameter]
        public Uri? Proxy { get; set; }

        /// <summary>The user name and password the -Proxy asks for.</summary>
        [Parameter]
        [Credential]
        public PSCredential? ProxyCredential { get; set; }

        /// <summary>Sends the signed-in user's credentials to the -Proxy.</summary>
        [Parameter]
        public SwitchParameter ProxyUseDefaultCredentials { get; set; }

        /// <summary>How many files upload at once. Output stays in input order.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

        /// <summary>How many times a transient failure is retried; 0 disables retries.</summary>
        [Parameter]
        [ValidateRange(0, 20)]
        public int MaxRetries { get; set; } = 3;

        /// <summary>Seconds an attempt may go without progress before it is cancelled and retried; 0 for no limit.</summary>
        [Parameter]
        [ValidateRange(0, 86400)]
        public int TimeoutSec { get; set; } = 100;

        /// <summary>The longest the batch waits when the API asks it to (429 or 503 with Retry-After); a longer wait stops it with RateLimited.</summary>
        [Parameter]
        [ValidateRange(0, 86400)]
        public int MaxRateLimitWaitSec { get; set; } = DefaultMaxRateLimitWaitSec;

        /// <summary>A resume journal: files it shows as accepted are skipped, and each accepted file is added to it.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Journal { get; set; }

        /// <summary>Files written more recently than this are not sent (Status InProgress): a later run sends them.</summary>
        [Parameter]
        [MinimumAgeTransformation]
        public TimeSpan MinimumAge { get; set; }

        /// <summary>The name of a variable that receives the run's Alpharun.UploadSummary (without the $), set also when the run stops early.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? SummaryVariable { get; set; }

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            // Set first, and kept up to date: the caller has the summary however the run ends (a stop, Ctrl+C).
            if (SummaryVariable != null) SessionState.PSVariable.Set(SummaryVariable, WithTypeName(_summary, UploadSummary.TypeName));
            _batch = new UploadBatch(ThrottleLimit);
            _progress = new BatchProgress(this, ProgressEnabled()) { ShowBatch = MyInvocation.ExpectingInput };
            _debugEnabled = PreferenceShows("Debug", "DebugPreference");
            RefuseUnusableKey();
            CheckSharedFields();
            if (Journal != null) OpenJournal();
            _planner = new UploadPlanner(_journal) { Readiness = new RecordingReadiness(MinimumAge) };
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            _inputs++;
            List<Contact> contacts = new List<Contact>();
            string? contactProblem = null;
            ValidationErrorKind contactProblemKind = ValidationErrorKind.InvalidContact;
            try
            {
                contacts = _contactCache.Convert(Contact ?? Array.Empty<object>());
            }
            catch (FormatException e)
            {
                contactProblem = e.Message;
            }
            catch (ArgumentException e)
            {
                // CustomField refuses a value of an unsupported type with an ArgumentException.
                contactProblem = e.Message;
                contactProblemKind = ValidationErrorKind.InvalidCustomField;
            }

            // Files and the errors of inputs that name none, in input order: an error joins the batch queue like a file,
            // so it is written after the outputs of the files before it, and a log of the run reads in input order.
            IEnumerable<ResolvedInput> entries = ResolveInputs();
            if (!MyInvocation.ExpectingInput)
            {
                // Paths given as arguments are known up front, so the batch bar can show a percentage.
                List<ResolvedInput> known = entries.ToList();
                _progress!.TotalFiles = known.Count;
                _progress.ShowBatch = known.Count > 1;
                entries = known;
            }

            var fields = new RecordingFields(Teammate ?? string.Empty, contacts, RecordedAt, TimeZone, PlaybookId);
            foreach (ResolvedInput entry in entries)
            {
                if (entry.Error != null)
                {
                    _batch!.Add(BatchItem.Failed(entry.Target, entry.Error));
                }
                else if (contactProblem != null)
                {
                    // Reported per file, so every file of a batch ends as one output or one error.
                    _batch!.Add(BatchItem.Failed(entry.Target, AlpharunErrors.InvalidArgument(contactProblemKind.ToString(), $"-Contact cannot be used for '{entry.Target}': {contactProblem}", entry.Target)));
                }
                else
                {
                    Enqueue(entry.Target, fields);
                }
                Pump(untilEmpty: false);
            }
        }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            Pump(untilEmpty: true);
            _progress?.Complete(_batch!);
            EndSummary();
        }

        /// <inheritdoc />
        protected override void StopProcessing() => _stopping.Cancel();

        /// <summary>Cancels what is still running and waits for it, so no upload outlives the command.</summary>
        public void Dispose()
        {
            _stopping.Cancel();
            _batch?.Quiesce(StopGrace);
            if (!_ended)
            {
                // Ended by something other than the end of its input or its own terminating error: Ctrl+C, or a command
                // after it in the pipeline that stopped it. Nothing more can be output; the summary still counts what
                // the API accepted (each of those is already journaled).
                _summary.Stop("PipelineStopped");
                CountUnreported();
            }
            _summary.Finish();
            _client?.Dispose();
            _journal?.Dispose();
            _stopping.Dispose();
        }

        private void Enqueue(string file, RecordingFields fields)
        {
            // The file is checked first, while the uploads before it are still being sent, then waits for a free slot
            // (WaitForSlot), so at most -ThrottleLimit uploads run and memory stays flat.
            UploadPlan plan = _planner!.Plan(file, fields);
            foreach (string note in plan.Notes) WriteVerbose(note);
            foreach (string warning in plan.Warnings) WriteWarning(warning);
            switch (plan.Kind)
            {
                case UploadPlanKind.Invalid:
                    _batch!.Add(BatchItem.Failed(file, AlpharunErrors.FromValidation(new AlpharunValidationException(plan.Failures), file)));
                    return;
                case UploadPlanKind.Skip:
                case UploadPlanKind.InProgress:
                    _batch!.Add(BatchItem.Decided(plan));
                    return;
            }
            RecordingUploadRequest request = plan.Request!;
            string identity = UploadIdentity.Of(request);
            if (_started.TryGetValue(identity, out BatchItem? first))
            {
                WriteVerbose($"'{file}' is listed more than once with the same fields: it is sent once, and reported again as that upload's recording.");
                _batch!.Add(BatchItem.Repeat(request, first));
                return;
            }

            if (_target is null)
            {
                try
                {
                    _target = ConnectionResolver.ResolveBaseUri(BaseUri);
                }
                catch (InvalidAddressException e)
                {
                    Terminate(AlpharunErrors.InvalidArgument(e.ErrorId, e.Message, file));
                }
            }
            if (!ShouldProcess(file, $"Upload recording to {_target} as teammate {request.Teammate}")) return;

            AlpharunClient client = GetClient(file);
            if (_debugEnabled)
            {
                // The file may go before it is sent; the check after the wait or the upload reports that, not the debug line.
                RecordingFileState info = RecordingFile.Inspect(file);
                WriteDebug(UploadRequestDescription.Describe(request, client.Connection, client.UserAgent, info.Exists ? Math.Max(0, info.Length) : 0));
            }
            // A file can go while it waits for its turn: what it waited for is checked again (cheap: the content check
            // is not redone), so it ends as the error it is (FileNotFound...), not as a failure to send.
            if (WaitForSlot() && QueuedAsInvalid(plan)) return;
            StopIfJournalFailed();
            UploadBatch batch = _batch!;
            BatchItem sending = BatchItem.Sending(request, plan.Fingerprint, _journal, r => Task.Run(() => client.SendValidatedAsync(r, batch, _stopping.Token)));
            _started[identity] = sending;
            batch.Add(sending);
        }

        /// <summary>Checks a planned file again; when it fails now, its error joins the batch queue (input order) and this returns true.</summary>
        private bool QueuedAsInvalid(UploadPlan plan)
        {
            IReadOnlyList<ValidationFailure> failures = _planner!.Recheck(plan);
            if (failures.Count == 0) return false;
            _batch!.Add(BatchItem.Failed(plan.Path, AlpharunErrors.FromValidation(new AlpharunValidationException(failures), plan.Path)));
            return true;
        }

        /// <summary>
        /// Waits until fewer than -ThrottleLimit uploads run. When one ends accepted, this returns before its output is
        /// written (the caller's next Pump writes it), so the next upload is already on its way meanwhile: at
        /// -ThrottleLimit 1 the link does not idle while the pipeline thread writes results. A finished failure is
        /// written first, as it may stop the command or the batch before anything else is sent; that holds too for a
        /// failure that ended while this file was being read, with a slot already free.
        /// </summary>
        /// <returns>True when it had to wait.</returns>
        private bool WaitForSlot()
        {
            bool waited = false;
            if (!NothingFinishedMayStopTheBatch()) WriteReady();
            while (!_batch!.HasFreeSlot)
            {
                waited = true;
                WaitForChange();
                if (_batch.HasFreeSlot && NothingFinishedMayStopTheBatch()) break;
                // Still waiting (or something may stop the batch): write what is ready, progress included.
                WriteReady();
            }
            return waited;
        }

        private bool NothingFinishedMayStopTheBatch() =>
            _batch!.FinishedAreAllAccepted && _gate?.ClosedBy is null && _journal?.WriteFailure is null;

        /// <summary>Writes what is ready; with <paramref name="untilEmpty"/>, waits until every file is accounted for.</summary>
        private void Pump(bool untilEmpty)
        {
            PumpOnce(wait: false);
            while (untilEmpty && !_batch!.IsEmpty) PumpOnce(wait: true);
        }

        private void PumpOnce(bool wait)
        {
            if (wait) WaitForChange();
            WriteReady();
        }

        private void WaitForChange()
        {
            UploadBatch batch = _batch!;
            try
            {
                batch.WaitForChange(ProgressTick, _stopping.Token);
            }
            catch (OperationCanceledException)
            {
                batch.Quiesce(StopGrace);
                throw new PipelineStoppedException();
            }
        }

        /// <summary>Writes what the uploads reported: retries, the finished files at the head (in input order), progress.</summary>
        private void WriteReady()
        {
            UploadBatch batch = _batch!;

            foreach (UploadRetry retry in batch.TakeRetries()) WriteVerbose(retry.ToString());
            foreach (BatchItem item in batch.TakeDone()) Emit(item);
            StopIfGateClosed();
            StopIfJournalFailed();
            _progress!.Update(batch);
        }

        private bool ProgressEnabled() => PreferenceShows("ProgressAction", "ProgressPreference");

        // A stream is shown unless its common parameter or preference variable silences it.
        private bool PreferenceShows(string commonParameter, string preferenceVariable)
        {
            object? preference = MyInvocation.BoundParameters.TryGetValue(commonParameter, out object? bound) ? bound : GetVariableValue(preferenceVariable);
            if (preference is PSObject wrapped) preference = wrapped.BaseObject;
            if (preference is SwitchParameter on) return on.IsPresent;
            if (preference is string text && Enum.TryParse(text, true, out ActionPreference parsed)) preference = parsed;
            return !(preference is ActionPreference action) || (action != ActionPreference.SilentlyContinue && action != ActionPreference.Ignore);
        }

    }
}

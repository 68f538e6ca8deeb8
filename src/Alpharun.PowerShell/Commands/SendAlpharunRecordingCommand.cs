using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Security;
using System.Threading;

namespace Alpharun.Commands
{
    /// <summary>Uploads call recordings to Alpharun for assessment, one output object or one error per file.</summary>
    [Cmdlet(VerbsCommunications.Send, "AlpharunRecording", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(RecordingUpload))]
    public sealed class SendAlpharunRecordingCommand : PSCmdlet
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";

        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private AlpharunClient? _client;

        /// <summary>Audio files to upload; wildcards are expanded.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>Audio files to upload, used exactly as written.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        /// <summary>Email of the teammate who took the call.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("TeammateEmail", "teammate_email")]
        [ValidateNotNullOrEmpty]
        public string Teammate { get; set; } = string.Empty;

        /// <summary>The people on the call: Alpharun.Contact objects, hashtables, objects with contact properties, emails or phone numbers.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("contacts")]
        [ValidateNotNullOrEmpty]
        public object[] Contact { get; set; } = Array.Empty<object>();

        /// <summary>When the call was recorded; defaults to the file's last write time.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("recorded_at")]
        [RecordedAtTransformation]
        public DateTimeOffset? RecordedAt { get; set; }

        /// <summary>The playbook to assess with; omitted, the API's routing rules choose.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("playbook_id")]
        public Guid? PlaybookId { get; set; }

        /// <summary>API key for this call only.</summary>
        [Parameter]
        public SecureString? ApiKey { get; set; }

        /// <summary>API base address for this call only.</summary>
        [Parameter]
        public Uri? BaseUri { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            List<Contact> contacts = new List<Contact>();
            string? contactProblem = null;
            try
            {
                contacts = ContactArgument.Convert(Contact);
            }
            catch (Exception e) when (e is FormatException || e is ArgumentException)
            {
                contactProblem = e.Message;
            }

            foreach (string file in ResolveFiles())
            {
                if (contactProblem != null)
                {
                    // Reported per file, so every file of a batch ends as one output or one error.
                    WriteError(AlpharunErrors.InvalidArgument(nameof(ValidationErrorKind.InvalidContact), $"-Contact cannot be used for '{file}': {contactProblem}", file));
                    continue;
                }
                UploadOne(file, contacts);
            }
        }

        /// <inheritdoc />
        protected override void EndProcessing() => Release();

        /// <inheritdoc />
        protected override void StopProcessing() => _stopping.Cancel();

        private void UploadOne(string file, List<Contact> contacts)
        {
            DateTimeOffset recordedAt;
            if (RecordedAt.HasValue)
            {
                recordedAt = RecordedAt.Value;
            }
            else
            {
                recordedAt = File.Exists(file) ? new DateTimeOffset(File.GetLastWriteTime(file)) : DateTimeOffset.Now;
                WriteVerbose($"-RecordedAt was not given for '{file}': using its last write time, {RecordedAtFormat.Format(recordedAt)}.");
            }

            var request = new RecordingUploadRequest(file, Teammate, recordedAt, contacts, PlaybookId);
            IReadOnlyList<ValidationFailure> failures = RecordingUploadValidator.Validate(request);
            if (failures.Count > 0)
            {
                WriteError(AlpharunErrors.FromValidation(new AlpharunValidationException(failures), file));
                return;
            }

            Uri target = ConnectionResolver.ResolveBaseUri(BaseUri);
            if (!ShouldProcess(file, $"Upload recording to {target} as teammate {request.Teammate}")) return;

            AlpharunClient client = GetClient();
            try
            {
                RecordingUpload upload = client.UploadRecordingAsync(request, null, _stopping.Token).GetAwaiter().GetResult();
                WriteVerbose($"'{file}': {upload.Status} (HTTP {upload.HttpStatus}) as recording {upload.RecordingId} in {upload.Duration.TotalSeconds:0.00} s.");
                WriteObject(upload);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            catch (AlpharunValidationException e)
            {
                WriteError(AlpharunErrors.FromValidation(e, file));
            }
            catch (AlpharunApiException e) when (e.Kind == ApiErrorKind.ApiKeyRejected)
            {
                // Every other file would fail the same way: stop the batch with one error.
                ThrowTerminatingError(AlpharunErrors.FromApi(e, file));
            }
            catch (AlpharunApiException e)
            {
                WriteError(AlpharunErrors.FromApi(e, file));
            }
        }

        private AlpharunClient GetClient()
        {
            if (_client != null) return _client;
            AlpharunConnection? connection = ConnectionResolver.Resolve(ApiKey, BaseUri);
            if (connection is null)
            {
                ThrowTerminatingError(AlpharunErrors.Create("ApiKeyMissing", ErrorCategory.AuthenticationError,
                    "No Alpharun API key was found. Run Connect-Alpharun -ApiKey (Read-Host -AsSecureString 'API key'), pass -ApiKey, set $env:ALPHARUN_API_KEY, or try the module with Start-AlpharunSandbox.",
                    null));
            }
            _client = new AlpharunClient(connection!, UserAgentComment.For(this));
            return _client;
        }

        private IEnumerable<string> ResolveFiles()
        {
            if (ParameterSetName == LiteralPathSet)
            {
                foreach (string literal in LiteralPath)
                {
                    string? resolved = ResolveLiteral(literal);
                    if (resolved != null) yield return resolved;
                }
                yield break;
            }

            foreach (string pattern in Path)
            {
                foreach (string resolved in ResolvePattern(pattern)) yield return resolved;
            }
        }

        private string? ResolveLiteral(string literal)
        {
            try
            {
                string path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(literal, out ProviderInfo provider, out _);
                if (provider.ImplementingType != typeof(Microsoft.PowerShell.Commands.FileSystemProvider))
                {
                    WriteError(AlpharunErrors.InvalidArgument("NotAFileSystemPath", $"'{literal}' is not a file system path. Pass the path of an audio file.", literal));
                    return null;
                }
                return path;
            }
            catch (Exception e) when (IsPathFailure(e))
            {
                WriteError(AlpharunErrors.Create(nameof(ValidationErrorKind.FileNotFound), ErrorCategory.ObjectNotFound, $"'{literal}' cannot be resolved: {e.Message}", literal, e));
                return null;
            }
        }

        private IEnumerable<string> ResolvePattern(string pattern)
        {
            // A name such as "call[1].wav" from Get-ChildItem arrives here through the FullName alias: use it as
            // written when that file exists rather than reading its brackets as a wildcard.
            if (WildcardPattern.ContainsWildcardCharacters(pattern))
            {
                string? literal = ResolveLiteralQuietly(pattern);
                if (literal != null && File.Exists(literal)) return new[] { literal };
            }

            try
            {
                var resolved = SessionState.Path.GetResolvedProviderPathFromPSPath(pattern, out ProviderInfo provider);
                if (provider.ImplementingType != typeof(Microsoft.PowerShell.Commands.FileSystemProvider))
                {
                    WriteError(AlpharunErrors.InvalidArgument("NotAFileSystemPath", $"'{pattern}' is not a file system path. Pass the path of an audio file.", pattern));
                    return Array.Empty<string>();
                }
                if (resolved.Count == 0)
                {
                    WriteError(AlpharunErrors.Create("NoFileMatched", ErrorCategory.ObjectNotFound, $"No file matches '{pattern}'. Check the folder and the wildcard.", pattern));
                }
                return resolved;
            }
            catch (Exception e) when (IsPathFailure(e))
            {
                string id = WildcardPattern.ContainsWildcardCharacters(pattern) ? "NoFileMatched" : nameof(ValidationErrorKind.FileNotFound);
                WriteError(AlpharunErrors.Create(id, ErrorCategory.ObjectNotFound, $"No file matches '{pattern}': {e.Message}", pattern, e));
                return Array.Empty<string>();
            }
        }

        private string? ResolveLiteralQuietly(string path)
        {
            try
            {
                return SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
            }
            catch (Exception e) when (IsPathFailure(e))
            {
                return null;
            }
        }

        private static bool IsPathFailure(Exception e) =>
            e is ItemNotFoundException || e is System.Management.Automation.DriveNotFoundException || e is ProviderNotFoundException
            || e is NotSupportedException || e is ArgumentException;

        private void Release()
        {
            _client?.Dispose();
            _client = null;
        }
    }
}

using System;
using System.Management.Automation;
using System.Threading.Tasks;

namespace Alpharun.Commands
{
    /// <summary>What the command writes for each file: one output object or one error, accounted in the summary and the journal first.</summary>
    public sealed partial class SendAlpharunRecordingCommand
    {
        private static PSObject WithTypeName(object value, string typeName)
        {
            var wrapped = new PSObject(value);
            wrapped.TypeNames.Insert(0, typeName);
            return wrapped;
        }

        private void Emit(BatchItem item)
        {
            if (item.Request != null) _progress!.Finish(item.Request);
            if (item.Upload is null)
            {
                if (item.Error != null) Fail(item.Error);
                else Report(item, item.Result!);
                return;
            }

            Exception? failure = item.Upload.Exception?.GetBaseException();
            if (item.Upload.IsCanceled || failure is OperationCanceledException)
            {
                if (_stopping.IsCancellationRequested) throw new PipelineStoppedException();
                failure = new AlpharunApiException(ApiErrorKind.Timeout, $"The upload of '{item.File}' was cancelled.");
            }

            switch (failure)
            {
                case null:
                    Report(item, item.Upload.Result);
                    return;
                case AlpharunApiException _ when _gate?.ClosedBy != null:
                    StopIfGateClosed();
                    return;
                case AlpharunApiException e when e.Kind == ApiErrorKind.ApiKeyRejected || e.Kind == ApiErrorKind.CertificateRejected:
                    // Every other file would fail the same way (same key, same server): stop the batch with one error, after what was accepted.
                    StopBatch(e, item.File);
                    return;
                case AlpharunApiException e:
                    Fail(AlpharunErrors.FromApi(e, item.File));
                    return;
                case AlpharunValidationException e:
                    Fail(AlpharunErrors.FromValidation(e, item.File));
                    return;
                default:
                    Fail(AlpharunErrors.Create("UploadFailed", ErrorCategory.NotSpecified, $"The upload of '{item.File}' failed: {failure.Message}", item.File, failure));
                    return;
            }
        }

        /// <summary>Outputs the outcome of a file that ended without an error (accepted, or decided without sending).</summary>
        private void Report(BatchItem item, RecordingUpload upload)
        {
            Account(item, upload);
            WriteObject(RecordingUploadResult.ToPSObject(upload));
        }

        // Journal first: an accepted upload is durable before anything is written that could stop the command.
        private void Account(BatchItem item, RecordingUpload upload)
        {
            _summary.Add(upload);
            // Only what the API accepted in this call is journaled and counted: not a skip, a repeat or a call in progress.
            if (upload.Status != RecordingUploadStatus.Created && upload.Status != RecordingUploadStatus.AlreadyExisted) return;
            JournalAccepted(item, upload);
            _accepted++;
            AlpharunSession.Current.History.Remember(upload);
            WriteVerbose($"'{item.File}': {upload.Status} (HTTP {upload.HttpStatus}) as recording {upload.RecordingId} in {upload.Elapsed.TotalSeconds:0.00} s, {upload.Attempts} attempt(s).");
        }

        /// <summary>Writes the error a file ended with.</summary>
        private void Fail(ErrorRecord error)
        {
            _summary.AddFailure();
            WriteFileError(error);
        }

        /// <summary>
        /// Writes a per-file error. When the error action stops the command (-ErrorAction Stop), the uploads already in
        /// flight are let finish and those the API accepted are output and journaled before the stop goes on: an
        /// accepted upload is never left unreported. Files not yet started are not sent.
        /// </summary>
        private void WriteFileError(ErrorRecord error)
        {
            try
            {
                WriteError(error);
            }
            catch (Exception e) when (e is ActionPreferenceStopException || e is PipelineStoppedException)
            {
                // -ErrorAction Stop surfaces as either, depending on the PowerShell version.
                _summary.Stop(AlpharunErrors.IdOf(error));
                DrainAccepted();
                EndSummary();
                throw;
            }
        }
    }
}

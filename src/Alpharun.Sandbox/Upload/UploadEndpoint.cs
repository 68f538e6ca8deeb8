using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace Alpharun.Sandbox
{
    /// <summary>
    /// POST /recordings/upload: reads the form, checks it with the client core's own rules (so the sandbox and the
    /// client cannot disagree), and records what passes. A refused upload leaves no trace.
    /// </summary>
    internal sealed class UploadEndpoint
    {
        private const int MaxEpilogueBytes = 64 * 1024;
        private static readonly string[] RequiredParts = { "audio", "teammate_email", "recorded_at", "contacts" };

        private readonly RecordingStore _store;
        private readonly HashSet<string> _teammatesWithoutRouting;

        public UploadEndpoint(RecordingStore store, IEnumerable<string> teammatesWithoutRouting)
        {
            _store = store;
            _teammatesWithoutRouting = new HashSet<string>(teammatesWithoutRouting.Where(t => t != null).Select(t => t.Trim()), StringComparer.OrdinalIgnoreCase);
        }

        /// <param name="request">The upload request.</param>
        /// <param name="intercept">Given the audio file name once the whole form is read; an answer it returns replaces the upload's.</param>
        public async Task<HttpResponse> HandleAsync(HttpRequest request, Func<string?, HttpResponse?>? intercept = null)
        {
            if (!MultipartFormReader.TryGetBoundary(request.Headers.Get("Content-Type"), out string boundary, out string problem))
            {
                return HttpResponse.Error(400, problem);
            }

            var form = new UploadForm();
            try
            {
                var reader = new MultipartFormReader(request.Body, boundary);
                MultipartPart? part;
                while ((part = await reader.ReadNextPartAsync().ConfigureAwait(false)) != null)
                {
                    HttpResponse? refusal = await form.AddAsync(part).ConfigureAwait(false);
                    if (refusal != null) return refusal;
                }
                HttpResponse? epilogueProblem = await ReadToEndAsync(request.Body).ConfigureAwait(false);
                if (epilogueProblem != null) return epilogueProblem;
            }
            catch (MultipartFormatException e)
            {
                return HttpResponse.Error(400, e.Message);
            }
            catch (HttpProtocolException e)
            {
                // The body's framing broke (it ended early or grew too large): no request can follow on this connection.
                HttpResponse response = HttpResponse.Error(e.StatusCode, e.Message);
                response.CloseConnection = true;
                return response;
            }
            if (intercept?.Invoke(form.Audio?.FileName) is HttpResponse intercepted) return intercepted;
            return Decide(form);
        }

        private HttpResponse Decide(UploadForm form)
        {
            var failures = new List<(string Field, string Message)>();
            foreach (string name in RequiredParts)
            {
                bool present = name == "audio" ? form.Audio != null : form.Text(name) != null;
                if (!present) failures.Add((name, $"The {name} part is missing. Send audio (a file), teammate_email, recorded_at and contacts."));
            }
            if (failures.Count > 0) return Refuse(failures);

            AudioFile audio = form.Audio!;
            if (string.IsNullOrWhiteSpace(audio.FileName))
            {
                return HttpResponse.Error(422, "The audio part has no filename. Send the recording as a file part named audio.", "audio");
            }
            string subject = audio.FileName!;
            if (audio.Size == 0)
            {
                return HttpResponse.Error(422, $"The audio file '{subject}' is empty (0 bytes). Send a finished recording.", "audio");
            }
            if (audio.Content.NotAudio != null)
            {
                return HttpResponse.Error(422, AudioContentRule.NotAudio(subject, audio.Content).Message, "audio");
            }

            string teammate = form.Text("teammate_email")!.Trim();
            string recordedAtText = form.Text("recorded_at")!;
            string contactsJson = form.Text("contacts")!;
            string? playbookText = form.Text("playbook_id");

            if (!RecordedAtFormat.TryParse(recordedAtText, out DateTimeOffset recordedAt, out string reason))
            {
                failures.Add(("recorded_at", $"The recorded_at '{recordedAtText}' of '{subject}' is not valid: {reason}."));
            }
            Guid? playbookId = null;
            if (playbookText != null)
            {
                if (Guid.TryParse(playbookText.Trim(), out Guid parsed)) playbookId = parsed;
                else failures.Add(("playbook_id", $"The playbook_id '{playbookText}' of '{subject}' is not a uuid. Pass the id of a playbook, or leave playbook_id out to use routing rules."));
            }
            IReadOnlyList<Contact> contacts = Array.Empty<Contact>();
            try
            {
                contacts = ContactsJson.Decode(contactsJson);
            }
            catch (Exception e) when (e is FormatException || e is ArgumentException)
            {
                failures.Add(("contacts", $"The contacts of '{subject}' cannot be read: {e.Message}"));
            }
            if (failures.Count > 0) return Refuse(failures);

            IReadOnlyList<ValidationFailure> ruleFailures = RecordingUploadValidator.ValidateFields(teammate, recordedAt, contacts, playbookId, subject);
            if (ruleFailures.Count > 0) return Refuse(ruleFailures.Select(f => (f.Field, f.Message)).ToList());

            if (!playbookId.HasValue && _teammatesWithoutRouting.Contains(teammate))
            {
                return HttpResponse.Error(422,
                    $"No playbook_id was given and no routing rule matches teammate '{teammate}'. Pass playbook_id or set routing rules.", "playbook_id");
            }

            SandboxRecording recording = _store.Accept(new ReceivedUpload(audio, teammate, recordedAtText, recordedAt, playbookId, contacts, contactsJson));
            return HttpResponse.Recording(recording.HttpStatus, recording.RecordingId);
        }

        // Nothing is accepted before the whole HTTP body has arrived: a form can be complete in a request cut short.
        private static async Task<HttpResponse?> ReadToEndAsync(RequestBodyStream body)
        {
            byte[] scratch = new byte[8192];
            long epilogue = 0;
            int n;
            while ((n = await body.ReadAsync(scratch, 0, scratch.Length).ConfigureAwait(false)) > 0)
            {
                epilogue += n;
                if (epilogue > MaxEpilogueBytes)
                {
                    return HttpResponse.Error(400, $"The body goes on for more than {MaxEpilogueBytes / 1024} KiB after the closing delimiter of the form.");
                }
            }
            return null;
        }

        // The first failure names the field, as the API does; the message carries every failure.
        private static HttpResponse Refuse(IReadOnlyList<(string Field, string Message)> failures) =>
            HttpResponse.Error(422, string.Join(" ", failures.Select(f => f.Message)), failures[0].Field);
    }
}

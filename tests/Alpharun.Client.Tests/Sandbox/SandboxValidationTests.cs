using System;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Tasks;
using Alpharun.Sandbox;
using Xunit;

namespace Alpharun.Tests.Sandbox
{
    /// <summary>Requests the client would refuse to send, posted by hand: each gets the API's error answer and leaves no recording.</summary>
    public sealed class SandboxValidationTests : IDisposable
    {
        private readonly SandboxServer _server = SandboxTestKit.StartServer(o => o.TeammatesWithoutRouting.Add("norule@acme.com"));

        public void Dispose() => _server.Dispose();

        [Fact]
        public async Task ValidHandBuiltFormIsCreated()
        {
            ApiAnswer answer = await PostAsync(FormBuilder.Upload());

            Assert.Equal(201, answer.Status);
            Assert.Equal("application/json", answer.MediaType);
            Assert.Equal(Assert.Single(_server.GetRecordings()).RecordingId, answer.RecordingId);
            Assert.Equal($"{{\"data\":{{\"recording\":{{\"id\":\"{answer.RecordingId:D}\"}}}}}}", answer.Body);
        }

        [Theory]
        [InlineData("audio")]
        [InlineData("teammate_email")]
        [InlineData("recorded_at")]
        [InlineData("contacts")]
        public async Task MissingPartIsRefusedNamingIt(string part)
        {
            FormBuilder form = part switch
            {
                "audio" => FormBuilder.Upload(fileName: null),
                "teammate_email" => FormBuilder.Upload(teammate: null),
                "recorded_at" => FormBuilder.Upload(recordedAt: null),
                _ => FormBuilder.Upload(contacts: null),
            };

            ApiAnswer answer = await PostAsync(form);

            Assert.Equal(422, answer.Status);
            Assert.Equal("application/json", answer.MediaType);
            Assert.Equal(part, answer.Field);
            Assert.Equal($"The {part} part is missing. Send audio (a file), teammate_email, recorded_at and contacts.", answer.Message);
            Assert.Empty(_server.GetRecordings());
        }

        [Fact]
        public async Task AllMissingPartsAreNamedFirstOneAsField()
        {
            ApiAnswer answer = await PostAsync(FormBuilder.Upload(teammate: null, contacts: null));

            Assert.Equal(422, answer.Status);
            Assert.Equal("teammate_email", answer.Field);
            Assert.Contains("The teammate_email part is missing.", answer.Message);
            Assert.Contains("The contacts part is missing.", answer.Message);
        }

        [Theory]
        [InlineData("[{\"email\":", "contacts is not valid JSON")]
        [InlineData("\"bob@client.com\"", "contacts must be a JSON array of contact objects.")]
        [InlineData("[{\"email\": 5}]", "contacts[0].email must be a string.")]
        public async Task UnreadableContactsAreRefusedWithFieldContacts(string contacts, string reason)
        {
            ApiAnswer answer = await PostAsync(FormBuilder.Upload(contacts: contacts));

            Assert.Equal(422, answer.Status);
            Assert.Equal("contacts", answer.Field);
            Assert.StartsWith("The contacts of 'call.wav' cannot be read: " + reason, answer.Message);
            Assert.Empty(_server.GetRecordings());
        }

        [Fact]
        public async Task DuplicateContactsAreRefusedNamingTheField()
        {
            ApiAnswer answer = await PostAsync(FormBuilder.Upload(contacts: "[{\"email\":\"Bob@Client.com\"},{\"email\":\"bob@client.com\"}]"));

            Assert.Equal(422, answer.Status);
            Assert.Equal("contacts[1].email", answer.Field);
            Assert.Equal("Contacts 1 and 2 of 'call.wav' share the email 'bob@client.com' (contacts[1].email). No two contacts may share an email, phone number or ext id: merge them into one contact.", answer.Message);
            Assert.Empty(_server.GetRecordings());
        }

        [Fact]
        public async Task NumericPhoneNumberIsAccepted()
        {
            ApiAnswer answer = await PostAsync(FormBuilder.Upload(contacts: "[{\"phone_number\": 15551234567}]"));

            Assert.Equal(201, answer.Status);
            Assert.Equal("15551234567", Assert.Single(Assert.Single(_server.GetRecordings()).Contacts).PhoneNumber);
        }

        [Fact]
        public async Task EmptyContactListIsRefused()
        {
            ApiAnswer answer = await PostAsync(FormBuilder.Upload(contacts: "[]"));

            Assert.Equal(422, answer.Status);
            Assert.Equal("contacts", answer.Field);
            Assert.StartsWith("No contact was given for 'call.wav'.", answer.Message);
        }

        [Theory]
        [InlineData("2024-01-15T14:30:00", "it has no offset")]
        [InlineData("yesterday", "it has no offset")]
        [InlineData("2024-13-45T14:30:00Z", "it is not an ISO 8601 date-time")]
        public async Task UnreadableRecordedAtIsRefused(string recordedAt, string reason)
        {
            ApiAnswer answer = await PostAsync(FormBuilder.Upload(recordedAt: recordedAt));

            Assert.Equal(422, answer.Status);
            Assert.Equal("recorded_at", answer.Field);
            Assert.StartsWith($"The recorded_at '{recordedAt}' of 'call.wav' is not valid: {reason}", answer.Message);
            Assert.Empty(_server.GetRecordings());
        }

        [Fact]
        public async Task RecordedAtInTheFutureIsRefusedByTheCoreRule()
        {
            ApiAnswer answer = await PostAsync(FormBuilder.Upload(recordedAt: RecordedAtFormat.Format(DateTimeOffset.UtcNow.AddDays(3))));

            Assert.Equal(422, answer.Status);
            Assert.Equal("recorded_at", answer.Field);
            Assert.EndsWith("of 'call.wav' is in the future. Pass the date the call was recorded with -RecordedAt.", answer.Message);
        }

        [Fact]
        public async Task InvalidTeammateIsRefused()
        {
            ApiAnswer answer = await PostAsync(FormBuilder.Upload(teammate: "ann at acme"));

            Assert.Equal(422, answer.Status);
            Assert.Equal("teammate_email", answer.Field);
            Assert.StartsWith("The teammate_email 'ann at acme' of 'call.wav' is not a valid email address.", answer.Message);
        }

        [Theory]
        [InlineData("not-a-uuid")]
        [InlineData("")]
        public async Task PlaybookIdThatIsNotAUuidIsRefused(string playbookId)
        {
            ApiAnswer answer = await PostAsync(FormBuilder.Upload(playbookId: playbookId));

            Assert.Equal(422, answer.Status);
            Assert.Equal("playbook_id", answer.Field);
            Assert.Equal($"The playbook_id '{playbookId}' of 'call.wav' is not a uuid. Pass the id of a playbook, or leave playbook_id out to use routing rules.", answer.Message);
        }

        [Fact]
        public async Task EmptyPlaybookUuidIsRefusedByTheCoreRule()
        {
            ApiAnswer answer = await PostAsync(FormBuilder.Upload(playbookId: Guid.Empty.ToString()));

            Assert.Equal(422, answer.Status);
            Assert.Equal("playbook_id", answer.Field);
            Assert.StartsWith("The playbook_id of 'call.wav' is the empty uuid.", answer.Message);
        }

        [Fact]
        public async Task TeammateWithoutRoutingIsRefusedWithoutPlaybookId()
        {
            ApiAnswer answer = await PostAsync(FormBuilder.Upload(teammate: "NoRule@acme.com"));

            Assert.Equal(422, answer.Status);
            Assert.Equal("playbook_id", answer.Field);
            Assert.Equal("No playbook_id was given and no routing rule matches teammate 'NoRule@acme.com'. Pass playbook_id or set routing rules.", answer.Message);
            Assert.Empty(_server.GetRecordings());
        }

        [Fact]
        public async Task EmptyAudioIsRefused()
        {
            ApiAnswer answer = await PostAsync(FormBuilder.Upload(audio: Array.Empty<byte>()));

            Assert.Equal(422, answer.Status);
            Assert.Equal("audio", answer.Field);
            Assert.Equal("The audio file 'call.wav' is empty (0 bytes). Send a finished recording.", answer.Message);
            Assert.Empty(_server.GetRecordings());
        }

        [Fact]
        public async Task AudioWithoutFileNameIsRefused()
        {
            var form = new FormBuilder().Part("Content-Disposition: form-data; name=\"audio\"\r\n", new byte[] { 1, 2, 3 })
                .Field("teammate_email", FormBuilder.DefaultTeammate).Field("recorded_at", FormBuilder.DefaultRecordedAt).Field("contacts", FormBuilder.DefaultContacts);

            ApiAnswer answer = await PostAsync(form);

            Assert.Equal(422, answer.Status);
            Assert.Equal("audio", answer.Field);
            Assert.Equal("The audio part has no filename. Send the recording as a file part named audio.", answer.Message);
        }

        [Fact]
        public async Task PartSentTwiceIsRefused()
        {
            ApiAnswer answer = await PostAsync(FormBuilder.Upload().Field("teammate_email", "cy@acme.com"));

            Assert.Equal(422, answer.Status);
            Assert.Equal("teammate_email", answer.Field);
            Assert.Equal("The teammate_email part was sent more than once. Send each field once per upload.", answer.Message);
            Assert.Empty(_server.GetRecordings());
        }

        [Fact]
        public async Task TextPartOver1MiBIsRefusedWith413()
        {
            ApiAnswer answer = await PostAsync(FormBuilder.Upload(contacts: "[" + new string(' ', 1024 * 1024) + "]"));

            Assert.Equal(413, answer.Status);
            Assert.Equal("contacts", answer.Field);
            Assert.Equal("The contacts part is larger than 1 MiB.", answer.Message);
            Assert.Empty(_server.GetRecordings());
        }

        [Fact]
        public async Task UnknownPartsAreIgnoredAndAudioWithoutContentTypeIsOctetStream()
        {
            var form = new FormBuilder()
                .Field("note", "ignored")
                .Part("Content-Disposition: form-data; name=\"audio\"; filename=\"call.raw\"\r\n", new byte[] { 1, 2, 3 })
                .Field("teammate_email", FormBuilder.DefaultTeammate).Field("recorded_at", FormBuilder.DefaultRecordedAt).Field("contacts", FormBuilder.DefaultContacts);

            ApiAnswer answer = await PostAsync(form);

            Assert.Equal(201, answer.Status);
            SandboxRecording recording = Assert.Single(_server.GetRecordings());
            Assert.Equal("application/octet-stream", recording.AudioContentType);
            Assert.Equal(3, recording.Size);
        }

        [Fact]
        public async Task HttpClientMultipartFormDataContentIsAccepted()
        {
            // .NET quotes the boundary and sends filename* for every file: another client's spelling of the same form.
            using var form = new MultipartFormDataContent();
            var audio = new ByteArrayContent(FormBuilder.Audio(4096, 3));
            audio.Headers.ContentType = new MediaTypeHeaderValue("audio/ogg");
            form.Add(audio, "audio", "Zoë.ogg");
            form.Add(new StringContent(FormBuilder.DefaultTeammate), "teammate_email");
            form.Add(new StringContent(FormBuilder.DefaultRecordedAt), "recorded_at");
            form.Add(new StringContent(FormBuilder.DefaultContacts, Encoding.UTF8, "application/json"), "contacts");

            ApiAnswer answer = await SandboxTestKit.PostAsync(_server, form);

            Assert.Equal(201, answer.Status);
            SandboxRecording recording = Assert.Single(_server.GetRecordings());
            Assert.Equal("Zoë.ogg", recording.FileName);
            Assert.Equal("audio/ogg", recording.AudioContentType);
            Assert.Equal(SandboxUploadTests.Sha256Hex(FormBuilder.Audio(4096, 3)), recording.Sha256);
        }

        [Theory]
        [InlineData("")]
        [InlineData("sbx_not-the-key")]
        public async Task MissingOrWrongKeyGets401(string key)
        {
            ApiAnswer answer = await SandboxTestKit.PostAsync(_server, FormBuilder.Upload().ToContent(), key);

            Assert.Equal(401, answer.Status);
            Assert.Equal("Bearer", answer.Headers["WWW-Authenticate"]);
            Assert.Equal(key.Length == 0 ? "No API key was sent. Send it as 'Authorization: Bearer <key>'." : "The API key is not valid for this sandbox. Use the key Start-AlpharunSandbox connected the session with.", answer.Message);
            Assert.Empty(_server.GetRecordings());
        }

        [Theory]
        [InlineData(true, 201)]
        [InlineData(false, 401)]
        public async Task ExpectContinueFromHttpClientIsAnswered(bool rightKey, int status)
        {
            // Windows PowerShell's HttpClient sends Expect: 100-continue with every upload.
            using var message = new HttpRequestMessage(HttpMethod.Post, SandboxTestKit.UploadUri(_server)) { Content = FormBuilder.Upload().ToContent() };
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", rightKey ? _server.ApiKey.Reveal() : "wrong");
            message.Headers.ExpectContinue = true;

            ApiAnswer answer = await SandboxTestKit.SendAsync(message);

            Assert.Equal(status, answer.Status);
            Assert.Equal(rightKey ? 1 : 0, _server.GetRecordings().Count);
        }

        [Fact]
        public async Task KeyOfAnotherSchemeGets401()
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, SandboxTestKit.UploadUri(_server)) { Content = FormBuilder.Upload().ToContent() };
            message.Headers.Authorization = new AuthenticationHeaderValue("Basic", _server.ApiKey.Reveal());

            ApiAnswer answer = await SandboxTestKit.SendAsync(message);

            Assert.Equal(401, answer.Status);
            Assert.Equal("The Authorization header is not 'Bearer <key>'.", answer.Message);
        }

        [Theory]
        [InlineData("/api/v1/recordings")]
        [InlineData("/api/v2/recordings/upload")]
        [InlineData("/")]
        public async Task OtherPathsGet404(string path)
        {
            ApiAnswer answer = await SandboxTestKit.PostAsync(_server, FormBuilder.Upload().ToContent(), uri: $"http://127.0.0.1:{_server.Port}{path}");

            Assert.Equal(404, answer.Status);
            Assert.Equal("application/json", answer.MediaType);
            Assert.Equal($"There is no endpoint POST {path}. The sandbox serves POST /api/v1/recordings/upload.", answer.Message);
            Assert.Empty(_server.GetRecordings());
        }

        [Fact]
        public async Task GetOnTheUploadPathGets405()
        {
            ApiAnswer answer = await SandboxTestKit.SendAsync(new HttpRequestMessage(HttpMethod.Get, SandboxTestKit.UploadUri(_server)));

            Assert.Equal(405, answer.Status);
            Assert.Equal("POST", answer.Headers["Allow"]);
            Assert.Equal("/api/v1/recordings/upload takes POST, not GET.", answer.Message);
        }

        [Fact]
        public async Task UploadPathWithQueryIsServed()
        {
            ApiAnswer answer = await SandboxTestKit.PostAsync(_server, FormBuilder.Upload().ToContent(), uri: SandboxTestKit.UploadUri(_server) + "?source=test");

            Assert.Equal(201, answer.Status);
        }

        [Theory]
        [InlineData("application/json", "The Content-Type is 'application/json'. Send the upload as multipart/form-data.")]
        [InlineData("multipart/form-data", "The multipart/form-data Content-Type has no boundary parameter.")]
        [InlineData("multipart/form-data; boundary=\"unterminated", "The Content-Type cannot be parsed: The boundary parameter's quoted string has no closing quote.")]
        public async Task BodyThatIsNotAMultipartFormGets400(string contentType, string message)
        {
            var content = new ByteArrayContent(FormBuilder.Upload().Build());
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);

            ApiAnswer answer = await SandboxTestKit.PostAsync(_server, content);

            Assert.Equal(400, answer.Status);
            Assert.Equal(message, answer.Message);
            Assert.Empty(_server.GetRecordings());
        }

        [Fact]
        public async Task BodyWithAnotherBoundaryGets400()
        {
            var content = new ByteArrayContent(FormBuilder.Upload().Build());
            content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=something-else");

            ApiAnswer answer = await SandboxTestKit.PostAsync(_server, content);

            Assert.Equal(400, answer.Status);
            Assert.Equal("The body holds no boundary delimiter '--something-else'. Check the boundary in the Content-Type.", answer.Message);
            Assert.Empty(_server.GetRecordings());
        }

        [Fact]
        public async Task BodyWithoutClosingDelimiterGets400()
        {
            ApiAnswer answer = await PostAsync(FormBuilder.Upload(), close: false);

            Assert.Equal(400, answer.Status);
            Assert.Equal("The body ended inside part 4, before the closing delimiter '--sandbox-test-boundary--'. The upload is incomplete.", answer.Message);
            Assert.Empty(_server.GetRecordings());
        }

        private Task<ApiAnswer> PostAsync(FormBuilder form, bool close = true) => SandboxTestKit.PostAsync(_server, form.ToContent(close));
    }
}

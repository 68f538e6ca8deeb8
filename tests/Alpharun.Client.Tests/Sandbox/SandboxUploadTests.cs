using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Alpharun.Sandbox;
using Xunit;

namespace Alpharun.Tests.Sandbox
{
    /// <summary>The sandbox as the real client sees it: uploads through <see cref="AlpharunClient"/>.</summary>
    public sealed class SandboxUploadTests : IDisposable
    {
        private readonly TempFiles _files = new TempFiles();

        public void Dispose() => _files.Dispose();

        [Fact]
        public async Task NewRecordingIsCreatedAndARepeatGetsTheSameId()
        {
            using SandboxServer server = SandboxTestKit.StartServer();
            using AlpharunClient client = SandboxTestKit.ClientFor(server);
            string path = _files.Create("call.wav");

            RecordingUpload first = await client.UploadRecordingAsync(SandboxTestKit.Request(path));
            RecordingUpload second = await client.UploadRecordingAsync(SandboxTestKit.Request(path));

            Assert.Equal(RecordingUploadStatus.Created, first.Status);
            Assert.Equal(201, first.HttpStatus);
            Assert.Equal(RecordingUploadStatus.AlreadyExisted, second.Status);
            Assert.Equal(200, second.HttpStatus);
            Assert.Equal(first.RecordingId, second.RecordingId);
            Assert.Equal(new[] { (first.RecordingId, RecordingUploadStatus.Created, 201), (first.RecordingId, RecordingUploadStatus.AlreadyExisted, 200) },
                server.GetRecordings().Select(r => (r.RecordingId, r.Status, r.HttpStatus)));
        }

        [Fact]
        public async Task RepeatWithTeammateInOtherCaseAndSameInstantInOtherOffsetGetsTheSameId()
        {
            using SandboxServer server = SandboxTestKit.StartServer();
            using AlpharunClient client = SandboxTestKit.ClientFor(server);
            string path = _files.Create("call.wav");

            RecordingUpload first = await client.UploadRecordingAsync(SandboxTestKit.Request(path, "ann@acme.com"));
            RecordingUpload second = await client.UploadRecordingAsync(SandboxTestKit.Request(path, "ANN@Acme.COM", SandboxTestKit.RecordedAt.ToUniversalTime()));

            Assert.Equal(RecordingUploadStatus.AlreadyExisted, second.Status);
            Assert.Equal(first.RecordingId, second.RecordingId);
            Assert.Equal("2024-01-15T19:30:00+00:00", server.GetRecordings()[1].RecordedAt);
        }

        [Fact]
        public async Task DifferentRecordedAtTeammateOrAudioGivesNewIds()
        {
            using SandboxServer server = SandboxTestKit.StartServer();
            using AlpharunClient client = SandboxTestKit.ClientFor(server);
            string path = _files.Create("call.wav", seed: 1);
            string otherAudio = _files.Create("other.wav", seed: 2);

            RecordingUpload original = await client.UploadRecordingAsync(SandboxTestKit.Request(path));
            RecordingUpload later = await client.UploadRecordingAsync(SandboxTestKit.Request(path, recordedAt: SandboxTestKit.RecordedAt.AddSeconds(1)));
            RecordingUpload otherTeammate = await client.UploadRecordingAsync(SandboxTestKit.Request(path, "cy@acme.com"));
            RecordingUpload otherBytes = await client.UploadRecordingAsync(SandboxTestKit.Request(otherAudio));

            RecordingUpload[] all = { original, later, otherTeammate, otherBytes };
            Assert.All(all, u => Assert.Equal(RecordingUploadStatus.Created, u.Status));
            Assert.Equal(4, all.Select(u => u.RecordingId).Distinct().Count());
            Assert.Equal(all.Select(u => u.RecordingId), server.GetRecordings().Select(r => r.RecordingId));
        }

        [Fact]
        public async Task WrongKeyIsRejectedWith401AndNothingIsRecorded()
        {
            using SandboxServer server = SandboxTestKit.StartServer();
            using var client = new AlpharunClient(new AlpharunConnection(ApiKey.FromPlainText("sbx_wrong"), server.BaseUri));

            AlpharunApiException e = await Assert.ThrowsAsync<AlpharunApiException>(() => client.UploadRecordingAsync(SandboxTestKit.Request(_files.Create("call.wav"))));

            Assert.Equal(ApiErrorKind.ApiKeyRejected, e.Kind);
            Assert.Equal(401, e.StatusCode);
            Assert.Equal("The API key is not valid for this sandbox. Use the key Start-AlpharunSandbox connected the session with.", e.ApiMessage);
            Assert.Empty(server.GetRecordings());
        }

        [Fact]
        public async Task GivenApiKeyIsTheOneAccepted()
        {
            using SandboxServer server = SandboxTestKit.StartServer(o => o.ApiKey = ApiKey.FromPlainText("my-own-key"));
            using var client = new AlpharunClient(new AlpharunConnection(ApiKey.FromPlainText("my-own-key"), server.BaseUri));

            RecordingUpload upload = await client.UploadRecordingAsync(SandboxTestKit.Request(_files.Create("call.wav")));

            Assert.Equal(RecordingUploadStatus.Created, upload.Status);
            Assert.Same(server.ApiKey, server.ApiKey);
            Assert.Equal("my-own-key", server.ApiKey.Reveal());
        }

        [Fact]
        public async Task RecordingKeepsTheAudioDigestAndEveryField()
        {
            using SandboxServer server = SandboxTestKit.StartServer();
            using AlpharunClient client = SandboxTestKit.ClientFor(server);
            string path = _files.Create("interview.mp3", length: 300_000, seed: 5);
            var playbook = Guid.Parse("6f1c2a8e-3b4d-4e5f-9a0b-1c2d3e4f5a6b");
            var contacts = new[]
            {
                new Contact(email: "bob@client.com", firstName: "Bob", lastName: "Stone", customFields: new[] { new CustomField("tier", "gold"), new CustomField("seats", 12L), new CustomField("trial", false) }),
                new Contact(phoneNumber: "+1 (555) 123-4567", extId: "crm-42"),
            };
            DateTimeOffset before = DateTimeOffset.Now;

            RecordingUpload upload = await client.UploadRecordingAsync(SandboxTestKit.Request(path, " ann@acme.com ", SandboxTestKit.RecordedAt.AddTicks(1_234_500), contacts, playbook));

            SandboxRecording recording = Assert.Single(server.GetRecordings());
            Assert.Equal(upload.RecordingId, recording.RecordingId);
            Assert.Equal(RecordingUploadStatus.Created, recording.Status);
            Assert.Equal(201, recording.HttpStatus);
            Assert.Equal("interview.mp3", recording.FileName);
            Assert.Equal("audio/mpeg", recording.AudioContentType);
            Assert.Equal(300_000, recording.Size);
            Assert.Equal(Sha256Hex(File.ReadAllBytes(path)), recording.Sha256);
            Assert.Equal("ann@acme.com", recording.Teammate);
            Assert.Equal("2024-01-15T14:30:00.12345-05:00", recording.RecordedAt);
            Assert.Equal(SandboxTestKit.RecordedAt.AddTicks(1_234_500), recording.RecordedAtParsed);
            Assert.Equal(TimeSpan.FromHours(-5), recording.RecordedAtParsed.Offset);
            Assert.Equal(playbook, recording.PlaybookId);
            Assert.Equal(Encoding.UTF8.GetString(ContactsJson.Encode(contacts)), recording.ContactsJson);
            Assert.InRange(recording.ReceivedAt, before, DateTimeOffset.Now);

            Assert.Equal(2, recording.Contacts.Count);
            Contact bob = recording.Contacts[0];
            Assert.Equal(("bob@client.com", "Bob", "Stone", (string?)null, (string?)null), (bob.Email, bob.FirstName, bob.LastName, bob.PhoneNumber, bob.ExtId));
            Assert.Equal(new[] { "tier=gold", "seats=12", "trial=False" }, bob.CustomFields.Select(f => f.ToString()));
            Assert.Equal(12L, bob.CustomFields[1].Value);
            Contact second = recording.Contacts[1];
            Assert.Equal(((string?)null, "+1 (555) 123-4567", "crm-42"), (second.Email, second.PhoneNumber, second.ExtId));
        }

        [Theory]
        [InlineData("café 東京.wav")]
        [InlineData("Anruf mit Zoë – Teil 2.ogg")]
        [InlineData("it's 100% done; ok=yes.flac")]
        public async Task FileNameArrivesExactly(string fileName)
        {
            using SandboxServer server = SandboxTestKit.StartServer();
            using AlpharunClient client = SandboxTestKit.ClientFor(server);

            await client.UploadRecordingAsync(SandboxTestKit.Request(_files.Create(fileName)));

            SandboxRecording recording = Assert.Single(server.GetRecordings());
            Assert.Equal(fileName, recording.FileName);
            Assert.Equal(AudioMediaTypes.ForFile(fileName), recording.AudioContentType);
        }

        [Fact]
        public async Task FileNameWithQuoteAndBackslashArrivesExactly()
        {
            // Such names only exist on Unix file systems.
            if (OperatingSystem.IsWindows()) return;
            using SandboxServer server = SandboxTestKit.StartServer();
            using AlpharunClient client = SandboxTestKit.ClientFor(server);

            await client.UploadRecordingAsync(SandboxTestKit.Request(_files.Create("say \"hi\" \\ bye.wav")));

            Assert.Equal("say \"hi\" \\ bye.wav", Assert.Single(server.GetRecordings()).FileName);
        }

        [Fact]
        public async Task TeammateWithoutRoutingIsRefusedWithoutPlaybookIdAndAcceptedWithOne()
        {
            using SandboxServer server = SandboxTestKit.StartServer(o => o.TeammatesWithoutRouting.Add("Norule@Acme.com"));
            using AlpharunClient client = SandboxTestKit.ClientFor(server);
            string path = _files.Create("call.wav");

            AlpharunApiException e = await Assert.ThrowsAsync<AlpharunApiException>(() => client.UploadRecordingAsync(SandboxTestKit.Request(path, "norule@acme.com")));
            Assert.Empty(server.GetRecordings());
            RecordingUpload withPlaybook = await client.UploadRecordingAsync(SandboxTestKit.Request(path, "norule@acme.com", playbookId: Guid.NewGuid()));
            RecordingUpload otherTeammate = await client.UploadRecordingAsync(SandboxTestKit.Request(path, "ann@acme.com"));

            Assert.Equal(ApiErrorKind.NoPlaybookRouting, e.Kind);
            Assert.Equal(422, e.StatusCode);
            Assert.Equal("No playbook_id was given and no routing rule matches teammate 'norule@acme.com'. Pass playbook_id or set routing rules.", e.ApiMessage);
            Assert.Equal(RecordingUploadStatus.Created, withPlaybook.Status);
            Assert.Equal(RecordingUploadStatus.Created, otherTeammate.Status);
            Assert.Equal(2, server.GetRecordings().Count);
        }

        [Fact]
        public async Task OptionsChangedAfterStartDoNotChangeTheServer()
        {
            var options = new SandboxOptions();
            using SandboxServer server = SandboxServer.Start(options);
            options.TeammatesWithoutRouting.Add("ann@acme.com");
            options.MaxBodyBytes = 10;
            using AlpharunClient client = SandboxTestKit.ClientFor(server);

            RecordingUpload upload = await client.UploadRecordingAsync(SandboxTestKit.Request(_files.Create("call.wav")));

            Assert.Equal(RecordingUploadStatus.Created, upload.Status);
        }

        [Fact]
        public async Task BodyOverMaxBodyBytesGets413AndTheNextUploadSucceeds()
        {
            using SandboxServer server = SandboxTestKit.StartServer(o => o.MaxBodyBytes = 1024 * 1024);
            using AlpharunClient client = SandboxTestKit.ClientFor(server);

            // 8 MiB is far more than the socket buffers hold: the answer must survive the client still sending.
            AlpharunApiException e = await Assert.ThrowsAsync<AlpharunApiException>(() => client.UploadRecordingAsync(SandboxTestKit.Request(_files.Create("big.wav", length: 8 * 1024 * 1024))));
            RecordingUpload small = await client.UploadRecordingAsync(SandboxTestKit.Request(_files.Create("small.wav")));

            Assert.Equal(413, e.StatusCode);
            Assert.StartsWith("The request body is ", e.ApiMessage);
            Assert.EndsWith("bytes; the sandbox accepts at most 1048576.", e.ApiMessage);
            Assert.Equal(RecordingUploadStatus.Created, small.Status);
            Assert.Equal("small.wav", Assert.Single(server.GetRecordings()).FileName);
        }

        [Fact]
        public async Task ConcurrentRepeatsOfOneRecordingShareOneId()
        {
            using SandboxServer server = SandboxTestKit.StartServer();
            using AlpharunClient client = SandboxTestKit.ClientFor(server);
            string path = _files.Create("call.wav", length: 100_000);

            RecordingUpload[] uploads = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.UploadRecordingAsync(SandboxTestKit.Request(path))));

            Assert.Single(uploads, u => u.Status == RecordingUploadStatus.Created);
            Assert.Single(uploads.Select(u => u.RecordingId).Distinct());
            Assert.Equal(RecordingUploadStatus.Created, server.GetRecordings()[0].Status);
            Assert.Equal(8, server.GetRecordings().Count);
        }

        [Fact]
        public async Task GetRecordingsIsASnapshot()
        {
            using SandboxServer server = SandboxTestKit.StartServer();
            using AlpharunClient client = SandboxTestKit.ClientFor(server);
            await client.UploadRecordingAsync(SandboxTestKit.Request(_files.Create("a.wav", seed: 1)));
            var snapshot = server.GetRecordings();

            await client.UploadRecordingAsync(SandboxTestKit.Request(_files.Create("b.wav", seed: 2)));

            Assert.Equal("a.wav", Assert.Single(snapshot).FileName);
            Assert.Equal(new[] { "a.wav", "b.wav" }, server.GetRecordings().Select(r => r.FileName));
        }

        internal static string Sha256Hex(byte[] bytes)
        {
            using SHA256 sha = SHA256.Create();
            return Convert.ToHexString(sha.ComputeHash(bytes)).ToLowerInvariant();
        }
    }
}

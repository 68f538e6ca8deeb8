using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Alpharun;
using Alpharun.Sandbox;
using Xunit;

namespace Alpharun.Tests.Sandbox
{
    /// <summary>The upload endpoint's answers to forms that break its rules, driven over a loopback connection without a server.</summary>
    public sealed class UploadEndpointTests
    {
        private const int MaxEpilogueBytes = 64 * 1024;

        private static async Task<(int Status, string? Message, string? Field, bool Close)> HandleAsync(FormBuilder form, byte[]? epilogue = null)
        {
            // The form and the epilogue arrive in separate reads, so the form reader never buffers the epilogue.
            var body = new ScriptedBody(epilogue is null ? new[] { form.Build() } : new[] { form.Build(), epilogue });
            var headers = new HttpHeaders();
            headers.Add("Content-Type", form.ContentType);
            var request = new HttpRequest("POST", "/recordings/upload", 1, headers, body);
            var endpoint = new UploadEndpoint(new RecordingStore(), Array.Empty<string>());

            HttpResponse response = await LoopbackPair.WithinDeadline(endpoint.HandleAsync(request));

            using JsonDocument json = JsonDocument.Parse(response.Body);
            string? message = json.RootElement.TryGetProperty("message", out JsonElement m) ? m.GetString() : null;
            string? field = json.RootElement.TryGetProperty("field", out JsonElement f) ? f.GetString() : null;
            return (response.StatusCode, message, field, response.CloseConnection);
        }

        /// <summary>A body whose reads never cross from one segment into the next.</summary>
        private sealed class ScriptedBody : RequestBodyStream
        {
            private readonly Queue<byte[]> _segments;
            private byte[] _current = Array.Empty<byte>();
            private int _at;

            public ScriptedBody(IEnumerable<byte[]> segments)
                : base(null!, expectsContinue: false)
            {
                _segments = new Queue<byte[]>(segments);
                DeclaredLength = _segments.Sum(s => (long)s.Length);
            }

            public override bool IsComplete => _at == _current.Length && _segments.Count == 0;

            public override long? DeclaredLength { get; }

            protected override Task<int> ReadBodyAsync(byte[] buffer, int offset, int count)
            {
                while (_at == _current.Length && _segments.Count > 0)
                {
                    _current = _segments.Dequeue();
                    _at = 0;
                }
                int n = Math.Min(count, _current.Length - _at);
                Buffer.BlockCopy(_current, _at, buffer, offset, n);
                _at += n;
                return Task.FromResult(n);
            }
        }

        [Fact]
        public async Task EpilogueOfExactlyTheLimitIsAccepted()
        {
            var answer = await HandleAsync(FormBuilder.Upload(), new byte[MaxEpilogueBytes]);

            Assert.Equal(201, answer.Status);
        }

        [Fact]
        public async Task EpilogueOverTheLimitIsRefusedWith400()
        {
            var answer = await HandleAsync(FormBuilder.Upload(), new byte[MaxEpilogueBytes + 1]);

            Assert.Equal(400, answer.Status);
            Assert.Equal("The body goes on for more than 64 KiB after the closing delimiter of the form.", answer.Message);
            Assert.Null(answer.Field);
        }

        [Fact]
        public async Task MissingPartsAreAllNamedAndTheFirstIsTheField()
        {
            var answer = await HandleAsync(FormBuilder.Upload(fileName: null, recordedAt: null));

            Assert.Equal(422, answer.Status);
            Assert.Equal(
                "The audio part is missing. Send audio (a file), teammate_email, recorded_at and contacts."
                + " The recorded_at part is missing. Send audio (a file), teammate_email, recorded_at and contacts.",
                answer.Message);
            Assert.Equal("audio", answer.Field);
        }

        [Fact]
        public async Task TextPartThatIsNotUtf8IsRefusedWith422()
        {
            var form = new FormBuilder();
            form.File("audio", "call.wav", FormBuilder.Audio(2048, 7));
            form.Part("Content-Disposition: form-data; name=\"teammate_email\"\r\n", new byte[] { 0x61, 0xFF, 0x62 });

            var answer = await HandleAsync(form);

            Assert.Equal(422, answer.Status);
            Assert.Equal("The teammate_email part is not valid UTF-8 text.", answer.Message);
            Assert.Equal("teammate_email", answer.Field);
        }

        [Fact]
        public async Task FileThatIsNotAudioIsRefusedWithTheCoreRulesMessage()
        {
            byte[] pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n" + new string('x', 2000) + "\n%%EOF\n");
            AudioInfo content = AudioProbe.Probe(pdf, pdf, pdf.Length);
            Assert.NotNull(content.NotAudio);

            var answer = await HandleAsync(FormBuilder.Upload(fileName: "call.wav", audio: pdf));

            Assert.Equal(422, answer.Status);
            Assert.Equal(AudioContentRule.NotAudio("call.wav", content).Message, answer.Message);
            Assert.StartsWith("The file 'call.wav' is not audio", answer.Message);
            Assert.Equal("audio", answer.Field);
        }
    }
}

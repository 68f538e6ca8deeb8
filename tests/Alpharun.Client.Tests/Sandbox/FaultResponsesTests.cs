using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Alpharun.Sandbox;
using Xunit;

namespace Alpharun.Tests.Sandbox
{
    /// <summary>What a status or drop fault answers, driven over a loopback connection without a server.</summary>
    public sealed class FaultResponsesTests
    {
        private static HttpRequest Request(RequestBodyStream body, params string[] nameValues)
        {
            var headers = new HttpHeaders();
            for (int i = 0; i < nameValues.Length; i += 2) headers.Add(nameValues[i], nameValues[i + 1]);
            return new HttpRequest("POST", "/recordings/upload", 1, headers, body);
        }

        private static string Message(HttpResponse response)
        {
            using JsonDocument json = JsonDocument.Parse(response.Body);
            Assert.Equal(new[] { "message" }, json.RootElement.EnumerateObject().Select(p => p.Name).ToArray());
            return json.RootElement.GetProperty("message").GetString()!;
        }

        [Fact]
        public async Task StatusFaultReadsTheWholeBodyThenAnswersOnAReusableConnection()
        {
            using LoopbackPair pair = await LoopbackPair.WithInputAsync("abcdef", end: false);
            var body = new ContentLengthBodyStream(pair.Connection, 6, expectsContinue: false);

            HttpResponse response = await LoopbackPair.WithinDeadline(FaultResponses.StatusAsync(SandboxFault.Status(503, retryAfter: "7"), Request(body)));

            Assert.True(body.IsComplete);
            Assert.Equal(503, response.StatusCode);
            Assert.False(response.CloseConnection);
            Assert.False(response.DropConnection);
            Assert.Equal(new[] { new System.Collections.Generic.KeyValuePair<string, string>("Retry-After", "7") }, response.Headers.ToArray());
            Assert.Equal("The sandbox answers 503 because a fault was queued with AddFault. The upload was not recorded; send it again.", Message(response));
        }

        [Fact]
        public async Task StatusFaultOnABodyCutShortStillAnswersButClosesTheConnection()
        {
            using LoopbackPair pair = await LoopbackPair.WithInputAsync("ab", end: true);
            var body = new ContentLengthBodyStream(pair.Connection, 6, expectsContinue: false);

            HttpResponse response = await LoopbackPair.WithinDeadline(FaultResponses.StatusAsync(SandboxFault.Status(429), Request(body)));

            Assert.Equal(429, response.StatusCode);
            Assert.True(response.CloseConnection);
            Assert.Empty(response.Headers);
        }

        [Fact]
        public async Task BeforeBodyStatusFaultLeavesTheBodyUnreadAndClosesTheConnection()
        {
            using LoopbackPair pair = await LoopbackPair.OpenAsync();
            var body = new ContentLengthBodyStream(pair.Connection, 6, expectsContinue: true);

            HttpResponse response = await LoopbackPair.WithinDeadline(FaultResponses.StatusAsync(SandboxFault.Status(413, beforeBody: true), Request(body)));

            Assert.False(body.Started);
            Assert.Equal(413, response.StatusCode);
            Assert.True(response.CloseConnection);
            Assert.Equal("The sandbox answers 413 because a fault was queued with AddFault. The upload was not recorded; send it again.", Message(response));
        }

        [Fact]
        public void EchoHeadersFaultListsEveryRequestHeaderInOrderInItsMessage()
        {
            HttpRequest request = Request(new ContentLengthBodyStream(null!, 0, expectsContinue: false),
                "Authorization", "Bearer sk-test", "X-Trace", "1", "X-Trace", "2");

            HttpResponse response = FaultResponses.Answer(SandboxFault.Status(401, echoHeaders: true), request);

            Assert.Equal(401, response.StatusCode);
            Assert.Equal(
                "The sandbox answers 401 and echoes the request's headers because a fault was queued with AddFault: Authorization: Bearer sk-test; X-Trace: 1; X-Trace: 2",
                Message(response));
        }

        [Fact]
        public async Task DropFaultReadsExactlyAfterBytesThenAsksForAReset()
        {
            using LoopbackPair pair = await LoopbackPair.WithInputAsync("abcdef", end: false);
            var body = new ContentLengthBodyStream(pair.Connection, 6, expectsContinue: false);

            HttpResponse response = await LoopbackPair.WithinDeadline(FaultResponses.DropAsync(SandboxFault.DropConnection(afterBytes: 3), Request(body)));

            Assert.True(response.DropConnection);
            Assert.Equal("def", await LoopbackPair.WithinDeadline(LoopbackPair.ReadToEndAsync(body)));
        }

        [Fact]
        public async Task DropFaultReadsExactlyAfterBytesAcrossSeveralReads()
        {
            string input = new string('x', 10_000) + new string('y', 10_000);
            using LoopbackPair pair = await LoopbackPair.WithInputAsync(input, end: false);
            var body = new ContentLengthBodyStream(pair.Connection, input.Length, expectsContinue: false);

            HttpResponse response = await LoopbackPair.WithinDeadline(FaultResponses.DropAsync(SandboxFault.DropConnection(afterBytes: 10_000), Request(body)));

            Assert.True(response.DropConnection);
            Assert.Equal(new string('y', 10_000), await LoopbackPair.WithinDeadline(LoopbackPair.ReadToEndAsync(body)));
        }

        [Fact]
        public async Task DropFaultOnABodyCutShortStillAsksForAReset()
        {
            using LoopbackPair pair = await LoopbackPair.WithInputAsync("ab", end: true);
            var body = new ContentLengthBodyStream(pair.Connection, 6, expectsContinue: false);

            HttpResponse response = await LoopbackPair.WithinDeadline(FaultResponses.DropAsync(SandboxFault.DropConnection(afterBytes: 5), Request(body)));

            Assert.True(response.DropConnection);
            Assert.Equal(0, response.StatusCode);
        }
    }
}

using System;
using System.Diagnostics;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using Alpharun.Sandbox;
using Xunit;

namespace Alpharun.Tests.Security
{
    /// <summary>A client that trickles its headers a byte at a time is closed when the head deadline runs out.</summary>
    public class SlowHeaderTests
    {
        [Fact]
        public async Task TricklingHeadersAreCutOffAtTheHeadDeadline()
        {
            using SandboxServer server = SandboxServer.Start(new SandboxOptions { HeaderTimeout = TimeSpan.FromSeconds(1) });
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", server.Port);
            NetworkStream stream = client.GetStream();
            byte[] head = Encoding.ASCII.GetBytes("POST /api/v1/recordings/upload HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + new string('a', 200));

            var clock = Stopwatch.StartNew();
            bool closed = false;
            try
            {
                foreach (byte b in head)
                {
                    await stream.WriteAsync(new[] { b }, 0, 1);
                    await Task.Delay(100); // the trickle's pace, the condition under test
                    if (clock.Elapsed > TimeSpan.FromSeconds(10)) break;
                }
            }
            catch (IOException)
            {
                closed = true;
            }

            Assert.True(closed, "the server closed the trickling connection");
            Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
            Assert.Empty(server.GetRecordings());
        }

        [Fact]
        public async Task AnOrdinaryRequestIsNotCutOff()
        {
            using var files = new TempFiles();
            using SandboxServer server = SandboxServer.Start(new SandboxOptions { HeaderTimeout = TimeSpan.FromSeconds(1) });
            using var client = new AlpharunClient(new AlpharunConnection(server.ApiKey, server.BaseUri));
            var request = new RecordingUploadRequest(files.Create("a.wav"), "ana@acme.com", DateTimeOffset.Now.AddHours(-1), new[] { new Contact(email: "b@c.io") });

            RecordingUpload first = await client.UploadRecordingAsync(request);
            await Task.Delay(1500); // the condition under test: idle longer than the head deadline, on a kept-alive connection
            RecordingUpload second = await client.UploadRecordingAsync(request);

            Assert.Equal(RecordingUploadStatus.Created, first.Status);
            Assert.Equal(RecordingUploadStatus.AlreadyExisted, second.Status);
        }
    }
}

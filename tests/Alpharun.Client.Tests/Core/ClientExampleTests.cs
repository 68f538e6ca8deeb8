using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Alpharun.Sandbox;
using Xunit;

namespace Alpharun.Tests
{
    /// <summary>The C# example in examples/csharp runs against the sandbox as a C# user would run it.</summary>
    public class ClientExampleTests
    {
        [Fact]
        public async Task ExampleUploadsTheFolderAndARepeatFindsTheSameIds()
        {
            using var files = new TempFiles();
            files.Create("a.wav", seed: 1);
            files.Create("b.wav", seed: 2);
            files.Create("skip.mp3", seed: 3);
            using SandboxServer server = SandboxServer.Start(new SandboxOptions());
            var connection = new AlpharunConnection(server.ApiKey, server.BaseUri);

            var first = await Alpharun.ClientExample.UploadFolder.RunAsync(connection, files.Folder, "ana@acme.com", "bob@client.com");
            var second = await Alpharun.ClientExample.UploadFolder.RunAsync(connection, files.Folder, "ana@acme.com", "bob@client.com");

            Assert.Equal(new[] { "a.wav", "b.wav" }, first.Select(u => u.FileName));
            Assert.All(first, u => Assert.Equal(RecordingUploadStatus.Created, u.Status));
            Assert.All(second, u => Assert.Equal(RecordingUploadStatus.AlreadyExisted, u.Status));
            Assert.Equal(first.Select(u => u.RecordingId), second.Select(u => u.RecordingId));
        }
    }
}

using System;
using System.Linq;
using System.Management.Automation;
using Alpharun.PowerShell.Tests.Security;
using Xunit;

namespace Alpharun.PowerShell.Tests
{
    /// <summary>
    /// -Path expands wildcards; -LiteralPath uses the text as written, wildcard characters and all (ResolveInputs picks
    /// RecordingPathResolver.ResolvePatterns or ResolveLiteral by the parameter set).
    /// </summary>
    public sealed class LiteralPathWildcardTests : IClassFixture<SharedSession>, IDisposable
    {
        private const string Cmdlet = SandboxedSession.Cmdlet;
        private const string Fields = "-Teammate ana@acme.com -Contact bob@client.com -RecordedAt 2024-01-15T14:30:00Z -ThrottleLimit 1";

        private readonly SandboxedSession _sandbox;

        public LiteralPathWildcardTests(SharedSession shared)
        {
            _sandbox = new SandboxedSession(shared);
        }

        public void Dispose() => _sandbox.Dispose();

        private void CreateFiles()
        {
            _sandbox.Files.Create("a.wav", 4096, seed: 1);
            _sandbox.Files.Create("b.wav", 4096, seed: 2);
        }

        [Fact]
        public void APathWithAWildcardSendsEveryFileItMatches()
        {
            CreateFiles();
            string pattern = System.IO.Path.Combine(_sandbox.Files.Folder, "*.wav");

            PwshResult result = _sandbox.Run($"Send-AlpharunRecording -Path $args[0] {Fields}", pattern).ThrowIfFailed();

            Assert.Equal(new[] { "a.wav", "b.wav" }, result.Output.Select(o => System.IO.Path.GetFileName((string)o.Properties["Path"].Value)));
            Assert.Equal(new[] { "a.wav", "b.wav" }, _sandbox.ReceivedFileNames());
        }

        [Fact]
        public void ALiteralPathWithAWildcardIsThatOneNameAndNoFileHasIt()
        {
            CreateFiles();
            string literal = System.IO.Path.Combine(_sandbox.Files.Folder, "*.wav");

            PwshResult result = _sandbox.Run($"Send-AlpharunRecording -LiteralPath $args[0] {Fields}", literal);

            ErrorRecord error = Assert.Single(result.Errors);
            Assert.Equal("FileNotFound" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Equal(literal, error.TargetObject);
            Assert.Equal($"The audio file '{literal}' does not exist. Check the path.", error.Exception.Message);
            Assert.Empty(result.Output);
            Assert.Equal(0, _sandbox.UploadRequestCount);
        }

        [Fact]
        public void ALiteralPathWithBracketsInARealFileNameSendsThatFile()
        {
            string file = _sandbox.Files.Create("call[1].wav", 4096, seed: 3);

            PwshResult result = _sandbox.Run($"Send-AlpharunRecording -LiteralPath $args[0] {Fields}", file).ThrowIfFailed();

            Assert.Equal(file, Assert.Single(result.Output).Properties["Path"].Value);
            Assert.Equal(new[] { "call[1].wav" }, _sandbox.ReceivedFileNames());
        }
    }
}

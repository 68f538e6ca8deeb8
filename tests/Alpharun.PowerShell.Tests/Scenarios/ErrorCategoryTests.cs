using System;
using System.IO;
using System.Management.Automation;
using Alpharun.PowerShell.Tests.Security;
using Xunit;

namespace Alpharun.PowerShell.Tests
{
    /// <summary>
    /// Every error of Send-AlpharunRecording carries the stable name of its rule or failure as its id, the category
    /// that fits it (AlpharunErrors.CategoryOf) and the file it was about as its target, so scripts can sort failures
    /// with -ErrorVariable and $_.CategoryInfo (README "Errors"). The API's answers come from the sandbox's queued faults.
    /// </summary>
    public sealed class ErrorCategoryTests : IDisposable
    {
        private const string Cmdlet = SandboxedSession.Cmdlet;
        private const string Fields = "-Teammate ana@acme.com -Contact bob@client.com -RecordedAt '2024-01-15T14:30:00Z' -MaxRetries 0 -TimeoutSec 1";

        private readonly SandboxedSession _sandbox = new SandboxedSession();

        public void Dispose() => _sandbox.Dispose();

        private static void AssertError(ErrorRecord error, string id, ErrorCategory category, object? target)
        {
            Assert.Equal(id + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Equal(category, error.CategoryInfo.Category);
            Assert.Equal(target, error.TargetObject);
        }

        [Theory]
        [InlineData("Add-AlpharunSandboxFault 400", "RequestRejected", ErrorCategory.InvalidData)]
        [InlineData("Add-AlpharunSandboxFault 422", "RequestRejected", ErrorCategory.InvalidData)]
        [InlineData("Add-AlpharunSandboxFault 403", "Forbidden", ErrorCategory.PermissionDenied)]
        [InlineData("Add-AlpharunSandboxFault 429", "RateLimited", ErrorCategory.LimitsExceeded)]
        [InlineData("Add-AlpharunSandboxFault 500", "ServerError", ErrorCategory.ResourceUnavailable)]
        [InlineData("Add-AlpharunSandboxFault 503", "ServerError", ErrorCategory.ResourceUnavailable)]
        [InlineData("Add-AlpharunSandboxFault 418", "UnexpectedStatus", ErrorCategory.InvalidResult)]
        [InlineData("Add-AlpharunSandboxFault 401", "ApiKeyRejected", ErrorCategory.AuthenticationError)]
        [InlineData("Add-AlpharunSandboxFault 404", "NotAlpharunApi", ErrorCategory.InvalidArgument)]
        [InlineData("Add-AlpharunSandboxFault -DropConnection", "ConnectionFailed", ErrorCategory.ConnectionError)]
        [InlineData("Add-AlpharunSandboxFault -Stall '00:00:05'", "Timeout", ErrorCategory.OperationTimeout)]
        public void AnApiFailureIsItsKindWithItsCategoryAndTheFileAsTarget(string fault, string id, ErrorCategory category)
        {
            string file = _sandbox.Files.Create("call.wav");
            _sandbox.Run(fault + " | Out-Null").ThrowIfFailed();

            PwshResult result = _sandbox.Run($"Send-AlpharunRecording -LiteralPath $args[0] {Fields}", file);

            Assert.Null(result.Terminating);
            AssertError(result.SingleError(), id, category, file);
            Assert.Empty(result.Output);
        }

        [Fact]
        public void AnEmptyFileIsEmptyFileAndInvalidData()
        {
            string file = _sandbox.Files.Create("empty.wav", length: 0);

            PwshResult result = _sandbox.Run($"Send-AlpharunRecording -LiteralPath $args[0] {Fields}", file);

            AssertError(result.SingleError(), "EmptyFile", ErrorCategory.InvalidData, file);
        }

        [Fact]
        public void TextNamedWavIsNotAudioAndInvalidData()
        {
            string file = Path.Combine(_sandbox.Files.Folder, "notes.wav");
            File.WriteAllText(file, "hello there, this is not audio at all");

            PwshResult result = _sandbox.Run($"Send-AlpharunRecording -LiteralPath $args[0] {Fields}", file);

            AssertError(result.SingleError(), "NotAudio", ErrorCategory.InvalidData, file);
        }

        [Fact]
        public void AMissingFileIsFileNotFoundAndObjectNotFound()
        {
            string file = Path.Combine(_sandbox.Files.Folder, "missing.wav");

            PwshResult result = _sandbox.Run($"Send-AlpharunRecording -LiteralPath $args[0] {Fields}", file);

            AssertError(result.SingleError(), "FileNotFound", ErrorCategory.ObjectNotFound, file);
        }

        [Fact]
        public void TwoContactsWithOneEmailAreDuplicateContactAndInvalidData()
        {
            string file = _sandbox.Files.Create("call.wav");

            PwshResult result = _sandbox.Run("Send-AlpharunRecording -LiteralPath $args[0] -Teammate ana@acme.com -Contact bob@client.com, BOB@client.com", file);

            Assert.Equal("DuplicateContact" + Cmdlet, result.SingleError().FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidData, result.SingleError().CategoryInfo.Category);
            Assert.Equal(0, _sandbox.UploadRequestCount);
        }

        [Fact]
        public void AnInvalidTeammateIsInvalidArgument()
        {
            string file = _sandbox.Files.Create("call.wav");

            PwshResult result = _sandbox.Run("Send-AlpharunRecording -LiteralPath $args[0] -Teammate not-an-email -Contact bob@client.com", file);

            Assert.Equal(ErrorCategory.InvalidArgument, result.SingleError().CategoryInfo.Category);
            Assert.StartsWith("InvalidTeammate", result.SingleError().FullyQualifiedErrorId);
            Assert.Equal(0, _sandbox.UploadRequestCount);
        }
    }
}

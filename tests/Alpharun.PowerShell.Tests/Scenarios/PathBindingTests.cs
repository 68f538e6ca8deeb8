using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Alpharun.PowerShell.Tests.Security;
using Xunit;

namespace Alpharun.PowerShell.Tests
{
    /// <summary>
    /// How -LiteralPath and -Path values become files (LiteralPathResolver, RecordingPathResolver): a path resolves as
    /// the engine resolves it, whether or not an earlier path of the same call already took the rooted-path shortcut
    /// ("paths resolved alike with and without the rooted-path shortcut", tests/pester); wildcards are expanded for
    /// -Path only, a name that exists as written is used as written; a value that names no file becomes its own error
    /// with the value as its target. Each call first sends a plain rooted path, so every later value of the call meets
    /// the shortcut's remembered root.
    /// </summary>
    public sealed class PathBindingTests : IDisposable
    {
        private const string Cmdlet = SandboxedSession.Cmdlet;
        private const string Fields = "-Teammate ana@acme.com -Contact bob@client.com -RecordedAt '2024-01-15T14:30:00Z'";

        private readonly SandboxedSession _sandbox = new SandboxedSession();

        public PathBindingTests()
        {
            First = _sandbox.Files.Create("first.wav", seed: 1);
            _sandbox.Run("Set-Location -LiteralPath $args[0]", Folder).ThrowIfFailed();
        }

        public void Dispose() => _sandbox.Dispose();

        private string Folder => _sandbox.Files.Folder;

        /// <summary>A plain rooted file the engine maps to itself: its root is remembered for the rest of the call.</summary>
        private string First { get; }

        private string Recording(string name, int seed) => _sandbox.Files.Create(name, seed: seed);

        private PwshResult SendLiteral(params string[] paths) => _sandbox.Run($"Send-AlpharunRecording -LiteralPath $args {Fields}", paths.Cast<object?>().ToArray());

        private PwshResult SendPath(params string[] paths) => _sandbox.Run($"Send-AlpharunRecording -Path $args {Fields}", paths.Cast<object?>().ToArray());

        private static string[] PathsOf(PwshResult result) => result.Output.Select(o => (string)o.Properties["Path"].Value).ToArray();

        private static void AssertError(ErrorRecord error, string id, ErrorCategory category, string target, string message)
        {
            Assert.Equal(id + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Equal(category, error.CategoryInfo.Category);
            Assert.Equal(target, error.TargetObject);
            Assert.Equal(message, error.Exception.Message);
        }

        [Fact]
        public void EveryPlainRootedPathOfOneCallIsSentAsWritten()
        {
            string second = Recording("second.wav", 2);
            string third = Recording("third.wav", 3);

            PwshResult result = SendLiteral(First, second, third);

            Assert.Empty(result.Errors);
            Assert.Equal(new[] { First, second, third }, PathsOf(result));
            Assert.Equal(new[] { "first.wav", "second.wav", "third.wav" }, _sandbox.ReceivedFileNames());
        }

        [Theory]
        [InlineData("/./call.wav")]
        [InlineData("//call.wav")]
        [InlineData("/sub/../call.wav")]
        [InlineData("/sub/./../call.wav")]
        public void ARootedPathThatIsNotNormalIsSentByItsNormalPathAfterAPlainOne(string rest)
        {
            string call = Recording("call.wav", 2);
            Directory.CreateDirectory(Path.Combine(Folder, "sub"));

            PwshResult result = SendLiteral(First, Folder + rest);

            Assert.Empty(result.Errors);
            Assert.Equal(new[] { First, call }, PathsOf(result));
        }

        // PowerShell on Unix reads a backslash as a separator in every path (OddFileNameTests): the shortcut must not take it as written.
        [UnixFact]
        public void ABackslashInARootedPathIsReadAsASeparatorAfterAPlainPath()
        {
            string call = Recording(Path.Combine("sub", "call.wav"), 2);

            PwshResult result = SendLiteral(First, Folder + "/sub\\call.wav");

            Assert.Empty(result.Errors);
            Assert.Equal(new[] { First, call }, PathsOf(result));
        }

        // The engine reads "x::y.wav" as the provider "<folder>/x" and its path "y.wav"; the file of that name is not
        // sent. Before it, a plain path and one with a single colon (which the engine maps to itself): whichever of
        // them gave the shortcut its root, the double colon still goes to the engine.
        [UnixFact]
        public void ARootedPathWithADoubleColonIsReadAsProviderQualifiedAfterAPlainPath()
        {
            string colon = Recording("x:y.wav", 3);
            string odd = Recording("x::y.wav", 2);

            PwshResult result = SendLiteral(First, colon, odd);

            Assert.Equal(new[] { First, colon }, PathsOf(result));
            AssertError(Assert.Single(result.Errors), "FileNotFound", ErrorCategory.ObjectNotFound, odd,
                $"'{odd}' cannot be resolved: Cannot find a provider with the name '{Folder}/x'.");
            Assert.IsType<ProviderNotFoundException>(result.Errors[0].Exception.InnerException);
        }

        // One colon past the root is no drive to the engine: sent as written, with or without the shortcut.
        [UnixFact]
        public void ARootedPathWithOneColonInItsNameIsSentAsWritten()
        {
            string odd = Recording("x:y.wav", 2);

            PwshResult result = SendLiteral(odd, First, odd);

            Assert.Empty(result.Errors);
            Assert.Equal(new[] { odd, First, odd }, PathsOf(result));
        }

        [Fact]
        public void RelativeProviderQualifiedAndDriveQualifiedPathsResolveToTheFileAfterAPlainPath()
        {
            string call = Recording("call.wav", 2);
            _sandbox.Run("New-PSDrive -Name AlpharunRec -PSProvider FileSystem -Root $args[0] | Out-Null", Folder).ThrowIfFailed();

            PwshResult result = SendLiteral(First, "call.wav", "./call.wav", "FileSystem::" + call, "Microsoft.PowerShell.Core\\FileSystem::" + call, "AlpharunRec:/call.wav");

            Assert.Empty(result.Errors);
            Assert.Equal(new[] { First, call, call, call, call, call }, PathsOf(result));
        }

        [Fact]
        public void ATildePathResolvesUnderTheFileSystemHome()
        {
            string name = "alpharun-missing-" + Guid.NewGuid().ToString("N") + ".wav";
            string home = (string)_sandbox.Run("(Get-PSProvider FileSystem).Home").ThrowIfFailed().Output.Single().BaseObject;

            PwshResult result = SendLiteral(First, "~/" + name);

            Assert.Equal(new[] { First }, PathsOf(result));
            string resolved = Path.Combine(home, name);
            AssertError(Assert.Single(result.Errors), "FileNotFound", ErrorCategory.ObjectNotFound, resolved, $"The audio file '{resolved}' does not exist. Check the path.");
        }

        [Fact]
        public void ALiteralPathOnAnotherProviderIsRefusedAsNotAFileSystemPath()
        {
            PwshResult result = SendLiteral(First, "Env:/HOME");

            Assert.Equal(new[] { First }, PathsOf(result));
            AssertError(Assert.Single(result.Errors), "NotAFileSystemPath", ErrorCategory.InvalidArgument, "Env:/HOME",
                "'Env:/HOME' is not a file system path. Pass the path of an audio file.");
        }

        [Fact]
        public void ARootedPathIsStillAFileWhileTheCurrentLocationIsOnAnotherProvider()
        {
            string second = Recording("second.wav", 2);
            _sandbox.Run("Set-Location Env:").ThrowIfFailed();

            PwshResult result = SendLiteral(First, second);

            Assert.Empty(result.Errors);
            Assert.Equal(new[] { First, second }, PathsOf(result));
        }

        [Fact]
        public void ALiteralPathOnAMissingDriveIsAFileNotFoundErrorNamingTheDrive()
        {
            PwshResult result = SendLiteral("NoSuchAlpharunDrive:/call.wav", First);

            Assert.Equal(new[] { First }, PathsOf(result));
            AssertError(Assert.Single(result.Errors), "FileNotFound", ErrorCategory.ObjectNotFound, "NoSuchAlpharunDrive:/call.wav",
                "'NoSuchAlpharunDrive:/call.wav' cannot be resolved: Cannot find drive. A drive with the name 'NoSuchAlpharunDrive' does not exist.");
            Assert.IsType<System.Management.Automation.DriveNotFoundException>(result.Errors[0].Exception.InnerException);
        }

        [Fact]
        public void LiteralPathTakesBracketsAsWrittenAndPathExpandsThemWhenNoFileHasTheNameAsWritten()
        {
            string one = Recording("call1.wav", 2);
            string two = Recording("call2.wav", 3);

            PwshResult literal = SendLiteral(Path.Combine(Folder, "call[12].wav"));
            PwshResult pattern = SendPath(Path.Combine(Folder, "call[12].wav"));

            Assert.Empty(literal.Output);
            Assert.Equal("FileNotFound" + Cmdlet, literal.SingleError().FullyQualifiedErrorId);
            Assert.Empty(pattern.Errors);
            Assert.Equal(new[] { one, two }, PathsOf(pattern));
        }

        [Fact]
        public void APathWithBracketsThatNamesAFileAsWrittenSendsThatFileAlone()
        {
            string bracketed = Recording("call[1].wav", 2);
            Recording("call1.wav", 3);

            PwshResult result = SendPath(bracketed);

            Assert.Empty(result.Errors);
            Assert.Equal(new[] { bracketed }, PathsOf(result));
        }

        [Fact]
        public void APathWithBracketsThatNamesAFolderAsWrittenIsStillExpanded()
        {
            Directory.CreateDirectory(Path.Combine(Folder, "day[1]"));
            string matched = Path.Combine(Folder, "day1");
            Directory.CreateDirectory(matched);

            PwshResult result = SendPath(Path.Combine(Folder, "day[1]"));

            Assert.Empty(result.Output);
            Assert.Equal(matched, result.SingleError().TargetObject);
            Assert.Equal("PathIsDirectory" + Cmdlet, result.SingleError().FullyQualifiedErrorId);
        }

        [Fact]
        public void BacktickEscapesInAPathAreReadAsTabCompletionWritesThem()
        {
            string spaced = Recording("call [1].wav", 2);

            PwshResult result = SendPath("./call `[1`].wav");

            Assert.Empty(result.Errors);
            Assert.Equal(new[] { spaced }, PathsOf(result));
        }

        [Fact]
        public void APathWithBacktickEscapesIsUsedAsWrittenWhenAFileHasThoseBackticksInItsName()
        {
            string asWritten = Recording("call `[1`].wav", 2);
            Recording("call [1].wav", 3);

            PwshResult result = SendPath("./call `[1`].wav");

            Assert.Empty(result.Errors);
            Assert.Equal(new[] { asWritten }, PathsOf(result));
        }

        [Fact]
        public void AWildcardSendsEveryMatchInOrder()
        {
            string a = Recording("a.wav", 2);
            string b = Recording("b.wav", 3);
            Recording("notes.txt", 4);

            PwshResult result = SendPath(Path.Combine(Folder, "?.wav"), First);

            Assert.Empty(result.Errors);
            Assert.Equal(new[] { a, b, First }, PathsOf(result));
        }

        [Fact]
        public void AWildcardThatMatchesNothingIsNoFileMatchedInItsPlace()
        {
            string pattern = Path.Combine(Folder, "*.mp3");

            PwshResult result = SendPath(First, pattern);

            Assert.Equal(new[] { First }, PathsOf(result));
            AssertError(Assert.Single(result.Errors), "NoFileMatched", ErrorCategory.ObjectNotFound, pattern,
                $"No file matches '{pattern}'. Check the folder and the wildcard.");
        }

        [Fact]
        public void AWildcardInAMissingFolderIsNoFileMatchedWithTheEnginesReason()
        {
            string pattern = Path.Combine(Folder, "nope", "*.wav");

            PwshResult result = SendPath(pattern, First);

            Assert.Equal(new[] { First }, PathsOf(result));
            AssertError(Assert.Single(result.Errors), "NoFileMatched", ErrorCategory.ObjectNotFound, pattern,
                $"No file matches '{pattern}': Cannot find path '{Path.Combine(Folder, "nope")}' because it does not exist.");
            Assert.IsType<ItemNotFoundException>(result.Errors[0].Exception.InnerException);
        }

        [Fact]
        public void AWildcardOnAMissingDriveIsNoFileMatchedNamingTheDrive()
        {
            PwshResult result = SendPath("NoSuchAlpharunDrive:/*.wav");

            AssertError(result.SingleError(), "NoFileMatched", ErrorCategory.ObjectNotFound, "NoSuchAlpharunDrive:/*.wav",
                "No file matches 'NoSuchAlpharunDrive:/*.wav': Cannot find drive. A drive with the name 'NoSuchAlpharunDrive' does not exist.");
        }

        [Theory]
        [InlineData("Env:/HOM*")]
        [InlineData("Env:/HOME")]
        public void APathOnAnotherProviderIsRefusedAsNotAFileSystemPath(string path)
        {
            PwshResult result = SendPath(First, path);

            Assert.Equal(new[] { First }, PathsOf(result));
            AssertError(Assert.Single(result.Errors), "NotAFileSystemPath", ErrorCategory.InvalidArgument, path,
                $"'{path}' is not a file system path. Pass the path of an audio file.");
        }

        [Fact]
        public void APipedRowWithoutAPathColumnIsNoPathPropertyInItsPlace()
        {
            PwshResult result = _sandbox.Run($"@([pscustomobject]@{{ Path = $args[0] }}, [pscustomobject]@{{ file = 'call.wav' }}) | Send-AlpharunRecording {Fields}", First);

            Assert.Equal(new[] { First }, PathsOf(result));
            AssertError(Assert.Single(result.Errors), "NoPathProperty", ErrorCategory.InvalidArgument, "@{file=call.wav}",
                "The input object @{file=call.wav} has no Path, FullName or PSPath property. Name the CSV column 'path', or pass -Path.");
        }
    }
}

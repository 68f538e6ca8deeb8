using System;
using System.IO;
using System.Linq;
using Xunit;

namespace Alpharun.Tests
{
    /// <summary>
    /// Issue 19, item 9: a path the runtime's file APIs refuse is one InvalidFileName failure of its own file, never an
    /// exception. .NET Framework (Windows PowerShell 5.1) cannot run here, so its System.IO.Path rules are emulated
    /// (<see cref="DotNetFramework"/>) and handed to the one place that takes a recording's path apart.
    /// </summary>
    public class RecordingPathTests : IDisposable
    {
        // Windows' Path.GetInvalidPathChars(), which .NET Framework 4.8's Path methods check before anything else
        // (referencesource Path.cs, CheckInvalidPathChars): " < > | NUL and U+0001 to U+001F.
        private static readonly char[] WindowsInvalidPathChars =
            new[] { '"', '<', '>', '|' }.Concat(Enumerable.Range(0, 32).Select(i => (char)i)).ToArray();

        /// <summary>.NET Framework's GetFileName and GetFullPath, as far as the characters of a path go.</summary>
        internal static readonly PathRules DotNetFramework = new PathRules(
            path =>
            {
                CheckInvalidPathChars(path);
                int i = path.LastIndexOfAny(new[] { '\\', '/', ':' });
                return i < 0 ? path : path.Substring(i + 1);
            },
            path =>
            {
                CheckInvalidPathChars(path);
                // "C:\a:b" and "/a:b": a colon past the drive is refused (NotSupportedException, "The given path's format is not supported.").
                if (path.IndexOf(':', path.Length > 1 && path[1] == ':' ? 2 : 0) >= 0) throw new NotSupportedException("The given path's format is not supported.");
                return path;
            });

        private static void CheckInvalidPathChars(string path)
        {
            if (path.IndexOfAny(WindowsInvalidPathChars) >= 0) throw new ArgumentException("Illegal characters in path.");
        }

        private readonly TempFiles _files = new TempFiles();

        public void Dispose() => _files.Dispose();

        private static RecordingUploadRequest For(string path) =>
            new RecordingUploadRequest(path, "ana@acme.com", DateTimeOffset.Now.AddDays(-1), new[] { new Contact(email: "b@c.io") });

        [Theory]
        [InlineData("C:\\calls\\a|b.wav", "the character |")]
        [InlineData("C:\\calls\\say \"hi\".wav", "the character \"")]
        [InlineData("C:\\calls\\<draft>.wav", "the character <")]
        [InlineData("C:\\calls|2024\\call.wav", "the character |")]
        [InlineData("C:\\calls\\tab\there\\call.wav", "a control character (U+0009)")]
        [InlineData("C:\\calls\\a:b.wav", "a character or form (such as a colon past the drive)")]
        public void UnderDotNetFrameworkRulesARefusedPathIsOneInvalidFileNameFailureNotAnException(string path, string culprit)
        {
            // Without the guard these paths throw from the first Path method that sees them, ending the batch.
            Assert.ThrowsAny<Exception>(() => { DotNetFramework.GetFileName(path); DotNetFramework.GetFullPath(path); });

            ValidationFailure failure = Assert.Single(RecordingUploadValidator.Validate(For(path), DotNetFramework));

            Assert.Equal(ValidationErrorKind.InvalidFileName, failure.Kind);
            Assert.Equal("audio", failure.Field);
            Assert.Equal(
                $"The path '{path.Replace('\t', '?')}' holds {culprit}, which this system does not accept in a path. Correct the path where it came from (a CSV cell, a script), or rename the file or folder.",
                failure.Message);
        }

        [Fact]
        public void UnderDotNetFrameworkRulesAControlCharacterInTheNameGetsTheSameMessageAsOnDotNet()
        {
            string path = "C:\\calls\\line\nbreak.wav";

            ValidationFailure failure = Assert.Single(RecordingUploadValidator.Validate(For(path), DotNetFramework));

            Assert.Equal(ValidationErrorKind.InvalidFileName, failure.Kind);
            Assert.Equal($"The file name of '{path}' holds a control character (such as a line break), which cannot be sent in a multipart header. Rename the file.", failure.Message);
            string here = Path.Combine(_files.Folder, "line\nbreak.wav");
            Assert.Equal($"The file name of '{here}' holds a control character (such as a line break), which cannot be sent in a multipart header. Rename the file.",
                Assert.Single(RecordingUploadValidator.Validate(For(here))).Message);
        }

        [Fact]
        public void UnderDotNetFrameworkRulesAnOrdinaryFileValidatesAsItDoesHere()
        {
            string path = _files.Create("ok.wav");

            Assert.Empty(RecordingUploadValidator.Validate(For(path), DotNetFramework));
            Assert.Equal(ValidationErrorKind.FileNotFound, Assert.Single(RecordingUploadValidator.Validate(For(Path.Combine(_files.Folder, "gone.wav")), DotNetFramework)).Kind);
        }

        [Fact]
        public void OnThisRuntimeANulInAFolderIsOneInvalidFileNameFailureNotAnException()
        {
            // .NET's FileInfo throws ArgumentException ("Null character in path.") for it; its file name is fine.
            string path = Path.Combine(_files.Folder, "a\0b", "call.wav");

            ValidationFailure failure = Assert.Single(RecordingUploadValidator.Validate(For(path)));

            Assert.Equal(ValidationErrorKind.InvalidFileName, failure.Kind);
            Assert.Equal($"The path '{path.Replace('\0', '?')}' holds a control character (U+0000), which this system does not accept in a path. Correct the path where it came from (a CSV cell, a script), or rename the file or folder.", failure.Message);
        }

        [Theory]
        [InlineData("a|b.wav")]
        [InlineData("say \"hi\".wav")]
        [InlineData("<draft>.wav")]
        public void OnThisRuntimeTheCharactersDotNetFrameworkRefusesAreAnOrdinaryFileName(string name)
        {
            // Linux allows them, and so does .NET: such a file is checked like any other, and uploads.
            Assert.Empty(RecordingUploadValidator.Validate(For(_files.Create(name))));
        }

        [Theory]
        [InlineData("C:\\calls\\a|b.wav", "a|b.wav")]
        [InlineData("C:\\calls\\<x>\\call.wav", "call.wav")]
        [InlineData("C:\\calls\\ok.wav", "ok.wav")]
        public void TheFileNameOfARefusedPathIsItsLastPartAndNeverThrows(string path, string name) =>
            Assert.Equal(name, RecordingPath.FileName(path, DotNetFramework));

        [Theory]
        [InlineData("call.wav", ".wav")]
        [InlineData("call.WAV", ".WAV")]
        [InlineData("a|b.mp3", ".mp3")]
        [InlineData("call.", "")]
        [InlineData("call", "")]
        [InlineData(".wav", ".wav")]
        [InlineData("archive.d\\call", "")]
        public void TheExtensionOfANameNeverThrows(string name, string extension) => Assert.Equal(extension, RecordingPath.Extension(name));
    }
}

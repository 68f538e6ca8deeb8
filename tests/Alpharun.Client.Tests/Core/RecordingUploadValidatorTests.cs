using System;
using System.IO;
using Xunit;

namespace Alpharun.Tests
{
    public class RecordingUploadValidatorTests : IDisposable
    {
        private readonly TempFiles _files = new TempFiles();

        public void Dispose() => _files.Dispose();

        private static RecordingUploadRequest For(string path, string teammate = "ana@acme.com", DateTimeOffset? at = null, Guid? playbook = null) =>
            new RecordingUploadRequest(path, teammate, at ?? DateTimeOffset.Now.AddDays(-1), new[] { new Contact(email: "b@c.io") }, playbook);

        private static ValidationFailure Single(RecordingUploadRequest request) => Assert.Single(RecordingUploadValidator.Validate(request));

        [Fact]
        public void ValidRequestHasNoFailures() => Assert.Empty(RecordingUploadValidator.Validate(For(_files.Create("ok.wav"))));

        [Fact]
        public void MissingFileIsFileNotFound() => Assert.Equal(ValidationErrorKind.FileNotFound, Single(For(Path.Combine(_files.Folder, "gone.wav"))).Kind);

        [Fact]
        public void EmptyFileIsEmptyFile() => Assert.Equal(ValidationErrorKind.EmptyFile, Single(For(_files.Create("empty.wav", 0))).Kind);

        [Fact]
        public void FileHeldExclusivelyByAnotherProgramIsFileUnreadableEvenForRoot()
        {
            // FileShare.None is an exclusive lock (flock on Unix, a sharing mode on Windows) that binds root too.
            string path = _files.Create("held.wav");
            using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            {
                ValidationFailure failure = Single(For(path));
                Assert.Equal(ValidationErrorKind.FileUnreadable, failure.Kind);
                Assert.Equal("audio", failure.Field);
                Assert.StartsWith($"The audio file '{path}' cannot be read: ", failure.Message);
            }
            Assert.Empty(RecordingUploadValidator.Validate(For(path)));
        }

        [Fact]
        public void DirectoryIsPathIsDirectory() => Assert.Equal(ValidationErrorKind.PathIsDirectory, Single(For(_files.Folder)).Kind);

        [Fact]
        public void BadTeammateNamesTheFieldAndTheFile()
        {
            string path = _files.Create("t.wav");
            ValidationFailure failure = Single(For(path, "ana@acme"));
            Assert.Equal(ValidationErrorKind.InvalidTeammate, failure.Kind);
            Assert.Equal("teammate_email", failure.Field);
            Assert.Contains(path, failure.Message);
        }

        [Fact]
        public void FarFutureRecordedAtIsRefused() => Assert.Equal(ValidationErrorKind.InvalidRecordedAt, Single(For(_files.Create("f.wav"), at: DateTimeOffset.UtcNow.AddDays(3))).Kind);

        [Fact]
        public void FarPastRecordedAtIsRefused() => Assert.Equal(ValidationErrorKind.InvalidRecordedAt, Single(For(_files.Create("p.wav"), at: new DateTimeOffset(1970, 1, 1, 0, 0, 0, TimeSpan.Zero))).Kind);

        [Fact]
        public void EmptyUuidPlaybookIsRefused() => Assert.Equal(ValidationErrorKind.InvalidPlaybookId, Single(For(_files.Create("g.wav"), playbook: Guid.Empty)).Kind);
    }
}

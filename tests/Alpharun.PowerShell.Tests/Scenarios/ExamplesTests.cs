using System;
using System.IO;
using System.Linq;
using Xunit;

namespace Alpharun.PowerShell.Tests
{
    /// <summary>Each script in examples/ runs as an admin would start it, against the session's sandbox.</summary>
    public class ExamplesTests : IDisposable
    {
        private static readonly string Examples = Path.Combine(PwshSession.RepoRoot, "examples");
        private readonly Recordings _files = new Recordings();
        private readonly PwshSession _session = new PwshSession();

        public ExamplesTests()
        {
            _session.Run("Start-AlpharunSandbox | Out-Null").ThrowIfFailed();
        }

        public void Dispose()
        {
            _session.Dispose();
            _files.Dispose();
        }

        private static string Script(string name) => Path.Combine(Examples, name);

        private string[] ReceivedFileNames() =>
            _session.Run("Get-AlpharunSandboxRecording | ForEach-Object FileName").ThrowIfFailed().Output.Select(o => (string)o.BaseObject).OrderBy(n => n, StringComparer.Ordinal).ToArray();

        [Fact]
        public void UploadFolderSendsOnlyTheAudioFilesOfEverySubfolder()
        {
            _files.Create("a.wav");
            _files.Create(Path.Combine("2024", "05", "b.mp3"));
            _files.Create(Path.Combine("2024", "c.FLAC"));
            _files.Create(Path.Combine("2024", "notes.txt"));
            _files.Create("export.csv");

            PwshResult result = _session.Run("& $args[0] -Folder $args[1] -Teammate ana@acme.com -Contact bob@client.com", Script("UploadFolder.ps1"), _files.Folder).ThrowIfFailed();

            Assert.Equal(3, result.Output.Count);
            Assert.Equal(new[] { "a.wav", "b.mp3", "c.FLAC" }, ReceivedFileNames());
        }

        [Fact]
        public void UploadFromCsvSendsEveryRowWithItsOwnFields()
        {
            PwshResult result = _session.Run("& $args[0] -CsvPath $args[1]", Script("UploadFromCsv.ps1"), Path.Combine(Examples, "recordings", "batch.csv")).ThrowIfFailed();

            Assert.Equal(3, result.Output.Count);
            Assert.Equal(new[] { "ana@acme.com", "ana@acme.com", "li@acme.com" }, result.Output.Select(o => (string)o.Properties["Teammate"].Value));
            Assert.Equal(new[] { "bob@client.com", "carol@client.com; +1 555 010 2233", "[{\"email\":\"dave@client.com\",\"first_name\":\"Dave\"}]" }, result.Output.Select(o => (string)o.Properties["Contacts"].Value));
            Assert.Equal(new DateTimeOffset(2024, 5, 3, 16, 5, 0, TimeSpan.FromHours(-5)), result.Property<DateTimeOffset>(2, "RecordedAt"));
        }

        [Fact]
        public void NightlyJobSendsOnlyNewFilesLogsIdsAndListsFailures()
        {
            string folder = Path.Combine(_files.Folder, "calls");
            _files.Create(Path.Combine("calls", "1.wav"));
            _files.Create(Path.Combine("calls", "2.wav"));
            string state = Path.Combine(folder, ".alpharun");
            const string run = "& $args[0] -Folder $args[1] -Teammate ana@acme.com -Contact bob@client.com; $LASTEXITCODE";

            PwshResult first = _session.Run(run, Script("NightlyUpload.ps1"), folder).ThrowIfFailed();
            _files.Create(Path.Combine("calls", "3.wav"));
            _files.Create(Path.Combine("calls", "4.wav"));
            _session.Run("Add-AlpharunSandboxFault -StatusCode 422").ThrowIfFailed();
            PwshResult second = _session.Run(run, Script("NightlyUpload.ps1"), folder).ThrowIfFailed();

            Assert.Equal(0, first.Output.Last().BaseObject);
            Assert.Equal(1, second.Output.Last().BaseObject);
            Assert.Contains("2 uploaded, 0 already sent before, 0 failed", string.Join("\n", first.Information));
            Assert.Contains("1 uploaded, 2 already sent before, 1 failed", string.Join("\n", second.Information));

            string log = Directory.GetFiles(state, "uploads-*.csv").Single();
            string[] logged = File.ReadAllLines(log).Skip(1).ToArray();
            Assert.Equal(3, logged.Length);
            Assert.All(logged, l => Assert.Matches("\"Created\",\"[0-9a-f-]{36}\"$", l));
            string[] failures = File.ReadAllLines(Path.Combine(state, "failures.csv")).Skip(1).ToArray();
            Assert.Single(failures);
            Assert.Contains("RequestRejected,Alpharun.Commands.SendAlpharunRecordingCommand", failures[0]);
        }

        [Fact]
        public void RetryFailuresSendsTheFilesAnEarlierRunFailedOn()
        {
            string a = _files.Create("a.wav"), b = _files.Create("b.wav");
            string failures = Path.Combine(_files.Folder, "failures.csv");
            File.WriteAllLines(failures, new[] { "\"Path\",\"ErrorId\",\"Message\"", $"\"{a}\",\"ServerError\",\"x\"", $"\"{b}\",\"ServerError\",\"y\"", $"\"{a}\",\"ServerError\",\"again\"" });

            PwshResult result = _session.Run("& $args[0] -FailureLog $args[1] -Teammate ana@acme.com -Contact bob@client.com", Script("RetryFailures.ps1"), failures).ThrowIfFailed();

            Assert.Equal(new[] { a, b }, result.Output.Select(o => (string)o.Properties["Path"].Value));
            Assert.Equal(new[] { "a.wav", "b.wav" }, ReceivedFileNames());
        }
    }
}

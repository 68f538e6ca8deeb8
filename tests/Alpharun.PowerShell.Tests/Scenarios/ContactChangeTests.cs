using System;
using System.Linq;
using System.Management.Automation;
using Alpharun.PowerShell.Tests.Security;
using Xunit;

namespace Alpharun.PowerShell.Tests
{
    /// <summary>
    /// -Contact is converted again only when it changed since the last file (ContactArgumentCache): whatever a script or
    /// a CSV changes between piped files is what each file is sent with. Pester's "A -Contact that changes between
    /// piped files" says the same at user level; these run where the mutation tool sees them.
    /// </summary>
    public sealed class ContactChangeTests : IDisposable
    {
        private const string Send = "Send-AlpharunRecording -Teammate ana@acme.com -RecordedAt '2024-01-15T14:30:00Z' -ThrottleLimit 1";

        private readonly SandboxedSession _sandbox = new SandboxedSession();

        public void Dispose() => _sandbox.Dispose();

        private string[] CreateFiles(int count) =>
            Enumerable.Range(1, count).Select(i => _sandbox.Files.Create($"call-{i:00}.wav", 4096, seed: i)).ToArray();

        [Fact]
        public void AHashtableEditedBetweenFilesIsSentAsItIsWhenEachFileIsSent()
        {
            string[] files = CreateFiles(3);

            PwshResult result = _sandbox.Run(
                "$contact = @{ Email = 'first@client.com' }; $n = 0; " +
                "$args | ForEach-Object { $n++; $contact.Email = \"c$n@client.com\"; $_ } | " + Send + " -Contact $contact",
                files.Cast<object?>().ToArray()).ThrowIfFailed();

            Assert.Equal(new[] { "c1@client.com", "c2@client.com", "c3@client.com" }, result.Output.Select(o => (string)o.Properties["Contacts"].Value));
            Assert.Equal(new[] { "[{\"email\":\"c1@client.com\"}]", "[{\"email\":\"c2@client.com\"}]", "[{\"email\":\"c3@client.com\"}]" }, _sandbox.ReceivedContactsJson());
        }

        [Fact]
        public void AnArrayWhoseTextIsReplacedBetweenFilesIsSentAsItIsWhenEachFileIsSent()
        {
            string[] files = CreateFiles(3);

            // The same array object each time; its element is replaced before files 1 and 3 only.
            PwshResult result = _sandbox.Run(
                "$contacts = [object[]]@('first@client.com'); $n = 0; " +
                "$args | ForEach-Object { $n++; if ($n -ne 2) { $contacts[0] = \"c$n@client.com\" }; $_ } | " + Send + " -Contact $contacts",
                files.Cast<object?>().ToArray()).ThrowIfFailed();

            Assert.Equal(new[] { "c1@client.com", "c1@client.com", "c3@client.com" }, result.Output.Select(o => (string)o.Properties["Contacts"].Value));
        }

        [Theory]
        [InlineData("@('a@client.com', 'b@client.com')", "'a@client.com'", "[{\"email\":\"a@client.com\"},{\"email\":\"b@client.com\"}]", "[{\"email\":\"a@client.com\"}]")]
        [InlineData("'a@client.com'", "@('a@client.com', 'b@client.com')", "[{\"email\":\"a@client.com\"}]", "[{\"email\":\"a@client.com\"},{\"email\":\"b@client.com\"}]")]
        public void ARowWithMoreOrFewerContactsThanTheRowBeforeIsSentWithItsOwn(string first, string second, string firstJson, string secondJson)
        {
            string[] files = CreateFiles(2);

            // Piped objects bind -Contact by property name: each row brings its own array, starting with the same text.
            PwshResult result = _sandbox.Run(
                $"@([pscustomobject]@{{ Path = $args[0]; Contact = {first} }}, [pscustomobject]@{{ Path = $args[1]; Contact = {second} }}) | " + Send,
                files[0], files[1]).ThrowIfFailed();

            Assert.Equal(2, result.Output.Count);
            Assert.Equal(new[] { firstJson, secondJson }, _sandbox.ReceivedContactsJson());
        }

        [Fact]
        public void TheSameContactObjectOnEveryFileIsSentWithEach()
        {
            string[] files = CreateFiles(2);

            PwshResult result = _sandbox.Run(
                "$bob = New-AlpharunContact -Email bob@client.com -FirstName Bob; $args | " + Send + " -Contact $bob",
                files.Cast<object?>().ToArray()).ThrowIfFailed();

            Assert.Equal(2, result.Output.Count);
            Assert.Equal(new[] { "[{\"email\":\"bob@client.com\",\"first_name\":\"Bob\"}]", "[{\"email\":\"bob@client.com\",\"first_name\":\"Bob\"}]" }, _sandbox.ReceivedContactsJson());
        }

        [Fact]
        public void ABadContactCellFailsItsOwnRowEachTimeAndTheRowsAroundItAreSent()
        {
            string[] files = CreateFiles(4);

            PwshResult result = _sandbox.Run(
                "$rows = 'bob@client.com', 'not a contact', 'not a contact', 'bob@client.com'; $i = 0; " +
                "$args | ForEach-Object { [pscustomobject]@{ Path = $_; Contact = $rows[$i] }; $i++ } | " + Send,
                files.Cast<object?>().ToArray());

            Assert.Equal(new[] { files[0], files[3] }, result.Output.Select(o => (string)o.Properties["Path"].Value));
            Assert.Equal(new[] { "InvalidContact" + SandboxedSession.Cmdlet, "InvalidContact" + SandboxedSession.Cmdlet }, result.ErrorIds);
            Assert.Equal(new object[] { files[1], files[2] }, result.Errors.Select(e => e.TargetObject is PSObject o ? o.BaseObject : e.TargetObject));
        }
    }
}

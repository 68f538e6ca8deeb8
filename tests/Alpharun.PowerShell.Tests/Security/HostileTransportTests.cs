using System;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace Alpharun.PowerShell.Tests.Security
{
    /// <summary>
    /// Servers that answer early, present an untrusted certificate, echo the key, or answer what the contract does not
    /// (issue 8): each is reported as what it is, once, with no secret in any stream. Loopback only; api.alpharun.test
    /// (a reserved name, RFC 6761) is reached only through the test's own proxy.
    /// </summary>
    public sealed class HostileTransportTests : IDisposable
    {
        private const string Cmdlet = SandboxedSession.Cmdlet;
        private const string Key = "sk_live_ECHOCANARY_01234qrst56789uvwxXYZ";
        private const string UnreachableHost = "api.alpharun.test";
        private readonly Recordings _files = new Recordings();
        private readonly PwshSession _session = new PwshSession();

        public HostileTransportTests() => _session.SetVariable("TestKey", Key);

        public void Dispose()
        {
            _session.Dispose();
            _files.Dispose();
        }

        private const string Send =
            "Send-AlpharunRecording -LiteralPath $args[0] -Teammate ana@acme.com -Contact bob@client.com -RecordedAt '2024-01-15T14:30:00Z' -BaseUri $args[1] -ApiKey (ConvertTo-SecureString $TestKey -AsPlainText -Force)";

        // The module's exception type is not referenced by the tests; its property is read as PowerShell would.
        private static string ApiMessageOf(ErrorRecord error) => (string)PSObject.AsPSObject(error.Exception).Properties["ApiMessage"].Value;

        private static Func<LoopbackExchange, Task> AnswerOnTheHead(int status, string body) => async exchange =>
        {
            // Refuses on the head alone, as a gateway checking the key or the size does: the body is never read.
            if (await exchange.ReadHeadAsync() is null) return;
            await exchange.WriteResponseAsync(status, Encoding.UTF8.GetBytes(body), "Content-Type: application/json");
        };

        [Fact]
        public void EarlyUnauthorizedOnA30MegabyteBodyIsOneApiKeyRejectedAfterAtMostTwoRequests()
        {
            using var server = new LoopbackServer(AnswerOnTheHead(401, "{\"message\":\"Invalid API key.\"}"));
            string file = _files.Create("large.wav", 30 * 1024 * 1024);

            PwshResult result = _session.Run("try { " + Send + " } catch { $_ }", file, server.BaseUri);

            var error = (ErrorRecord)Assert.Single(result.Output).BaseObject;
            Assert.Equal("ApiKeyRejected" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
            Assert.Contains("rejected the API key (HTTP 401)", error.Exception.Message);
            Assert.Contains("The API said: Invalid API key.", error.Exception.Message);
            Assert.Empty(result.Errors);
            Assert.InRange(server.ConnectionCount, 1, 2);
            Assert.All(server.RequestHeads, head => Assert.Equal("100-continue", LoopbackExchange.Header(head, "Expect")));
        }

        [Fact]
        public void UnauthorizedWhileTheBodyIsSentIsOneApiKeyRejectedWhenTheServerReadsOn()
        {
            using var server = new LoopbackServer(async exchange =>
            {
                // Says "100 Continue", takes 1 MiB of the 30 MB body, then refuses and stops sending; it reads on
                // (discarding) until the client closes, the lingering close RFC 9112 section 9.6 asks of servers.
                string? head = await exchange.ReadHeadAsync();
                if (head is null) return;
                await exchange.WriteAsync("HTTP/1.1 100 Continue\r\n\r\n");
                await exchange.ReadBodyAsync(1024 * 1024);
                await exchange.WriteResponseAsync(401, Encoding.UTF8.GetBytes("{\"message\":\"Invalid API key.\"}"), "Content-Type: application/json");
                await exchange.ReadBodyAsync(LoopbackExchange.ContentLength(head));
            });
            string file = _files.Create("large.wav", 30 * 1024 * 1024);

            PwshResult result = _session.Run("try { " + Send + " } catch { $_ }", file, server.BaseUri);

            var error = (ErrorRecord)Assert.Single(result.Output).BaseObject;
            Assert.Equal("ApiKeyRejected" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.InRange(server.ConnectionCount, 1, 2);
        }

        [Fact]
        public void EarlyTooLargeIsOneRequestRejectedWithoutRetry()
        {
            using var server = new LoopbackServer(AnswerOnTheHead(413, "{\"message\":\"Body exceeds 25 MB.\"}"));
            string file = _files.Create("large.wav", 30 * 1024 * 1024);

            PwshResult result = _session.Run(Send, file, server.BaseUri);

            var error = Assert.Single(result.Errors);
            Assert.Equal("RequestRejected" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Equal(file, error.TargetObject);
            Assert.Contains($"refused '{file}' as too large (HTTP 413). The API said: Body exceeds 25 MB.", error.Exception.Message);
            Assert.Empty(result.Output);
            Assert.Equal(1, server.ConnectionCount);
        }

        [Fact]
        public void SmallBodiesAreSentWithoutExpectContinue()
        {
            using var server = new LoopbackServer(LoopbackServer.Created());
            _session.Run(Send, _files.Create("small.wav", 64 * 1024), server.BaseUri).ThrowIfFailed();

            Assert.Null(LoopbackExchange.Header(Assert.Single(server.RequestHeads), "Expect"));
        }

        [Fact]
        public void ServerThatNeverSaysContinueStillGetsTheBodyAfterTheWait()
        {
            // LoopbackServer.Created() reads head and body and never writes "100 Continue".
            using var server = new LoopbackServer(LoopbackServer.Created());
            string file = _files.Create("large.wav", 2 * 1024 * 1024);

            var clock = Stopwatch.StartNew();
            PwshResult result = _session.Run(Send + " -MaxRetries 0", file, server.BaseUri).ThrowIfFailed();
            clock.Stop();

            Assert.Equal(LoopbackServer.RecordingId, result.Property<Guid>(0, "RecordingId"));
            Assert.Equal("100-continue", LoopbackExchange.Header(Assert.Single(server.RequestHeads), "Expect"));
            Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"the body went after {clock.Elapsed.TotalMilliseconds:0} ms, before the wait ended");
        }

        [Fact]
        public void UntrustedCertificateIsOneCertificateRejectedAfterOneConnection()
        {
            using var server = new TlsLoopbackServer();
            string file = _files.Create("call.wav");

            PwshResult result = _session.Run(Send, file, $"https://127.0.0.1:{server.Port}/api/v1");

            var error = Assert.Single(result.Errors);
            Assert.Equal("CertificateRejected" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.SecurityError, error.CategoryInfo.Category);
            Assert.Equal(file, error.TargetObject);
            Assert.StartsWith($"The certificate of 127.0.0.1 was rejected, so '{file}' was not sent: ", error.Exception.Message);
            Assert.Contains("UntrustedRoot", error.Exception.Message);
            Assert.Contains("it is not retried", error.Exception.Message);
            Assert.Empty(result.Output);
            Assert.True(server.WaitForConnections(TimeSpan.FromSeconds(10)));
            Assert.Equal(1, server.ConnectionCount);
        }

        [Fact]
        public void UntrustedCertificateStopsABatchWithOneTerminatingErrorInsteadOfOnePerFile()
        {
            using var server = new TlsLoopbackServer();
            string[] files = { _files.Create("one.wav"), _files.Create("two.wav"), _files.Create("three.wav") };

            PwshResult result = _session.Run("$args[0] | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -BaseUri $args[1] -ThrottleLimit 1 -ApiKey (ConvertTo-SecureString $TestKey -AsPlainText -Force)",
                files, $"https://127.0.0.1:{server.Port}/api/v1");

            var error = Assert.Single(result.Errors);
            Assert.Equal("CertificateRejected" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Equal(files[0], error.TargetObject);
            Assert.Contains("The batch stopped; 0 uploads the API accepted before that were output.", error.Exception.Message);
            Assert.Empty(result.Output);
            Assert.True(server.WaitForConnections(TimeSpan.FromSeconds(10)));
            Assert.Equal(1, server.ConnectionCount);
        }

        [Fact]
        public void ServerEchoingTheKeyIn422BodyLeavesNoPieceOfTheKeyInAnyStream()
        {
            using var server = new LoopbackServer(async exchange =>
            {
                string? head = await exchange.ReadHeadAsync();
                if (head is null) return;
                await exchange.ReadBodyAsync(LoopbackExchange.ContentLength(head));
                string echoed = LoopbackExchange.Header(head, "Authorization")!;
                string body = "{\"message\":\"Rejected request with headers: Authorization: " + echoed
                    + " and key " + echoed.Substring(7).ToLowerInvariant() + "\\r\\nX-Injected: \\u001b[31mred\\u001b[0m\"}";
                await exchange.WriteResponseAsync(422, Encoding.UTF8.GetBytes(body), "Content-Type: application/json");
            });
            var seen = new LeakCollector();
            string file = _files.Create("call.wav");

            PwshResult result = seen.Add("echo", _session.Run(Send + " -Verbose -Debug", file, server.BaseUri));
            PwshResult errors = seen.Add("$Error", _session.Run("$Error | ForEach-Object { $_ }"));

            var error = Assert.Single(result.Errors);
            Assert.Equal("RequestRejected" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Equal($"The Alpharun API refused '{file}' (HTTP 422). The API said: Rejected request with headers: Authorization: Bearer *** and key *** X-Injected: red Correct the request and send it again.",
                error.Exception.Message);
            Assert.Equal("Rejected request with headers: Authorization: Bearer *** and key *** X-Injected: red", ApiMessageOf(error));
            Assert.NotEmpty(errors.Output);
            Assert.Empty(seen.FindLeaks(Key));
        }

        [Fact]
        public void EscapeCodesAndLineBreaksInA500BodyAreStrippedAndItsLengthBounded()
        {
            string body = "\u001b[2J\u001b]0;owned\u0007Database down\r\nFAKE: line\u202Eevil " + new string('x', 5000);
            using var server = new LoopbackServer(LoopbackServer.Answer(500, body, "Content-Type: text/plain"));
            string file = _files.Create("call.wav");

            PwshResult result = _session.Run(Send + " -MaxRetries 0", file, server.BaseUri);

            var error = Assert.Single(result.Errors);
            Assert.Equal("ServerError" + Cmdlet, error.FullyQualifiedErrorId);
            string said = ApiMessageOf(error);
            Assert.StartsWith("Database down FAKE: lineevil xxx", said);
            Assert.Equal(501, said.Length);
            Assert.EndsWith("x…", said);
            Assert.DoesNotContain(error.Exception.Message, c => char.IsControl(c) || c == '\u202E');
        }

        [Theory]
        [InlineData("?x=1")]
        [InlineData("#top")]
        public void BaseUriWithAQueryOrFragmentIsRefusedAsInvalidBaseUriBeforeAnyRequest(string tail)
        {
            using var server = new LoopbackServer(LoopbackServer.Created());
            string file = _files.Create("call.wav");

            PwshResult result = _session.Run("try { " + Send + " } catch { $_ }", file, server.BaseUri + tail);

            var error = (ErrorRecord)Assert.Single(result.Output).BaseObject;
            Assert.Equal("InvalidBaseUri" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Equal($"The base URI '{server.BaseUri}{tail}' has a query or fragment ('{tail}'), which the upload address cannot carry. Pass the address without it, e.g. {server.BaseUri}.",
                error.Exception.Message);
            Assert.Equal(0, server.ConnectionCount);
        }

        [Fact]
        public void Status202WithARecordingIdIsUnexpectedStatusNamingTheIdAndNotJournaled()
        {
            using var server = new LoopbackServer(LoopbackServer.Answer(202,
                "{\"data\":{\"recording\":{\"id\":\"" + LoopbackServer.RecordingId.ToString("D") + "\"}}}", "Content-Type: application/json"));
            string file = _files.Create("call.wav");
            string journal = System.IO.Path.Combine(_files.Folder, "run.journal");

            PwshResult result = _session.Run(Send + " -Journal $args[2]", file, server.BaseUri, journal);

            var error = Assert.Single(result.Errors);
            Assert.Equal("UnexpectedStatus" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Equal($"The API answered HTTP 202 to the upload of '{file}', not 201 or 200 as its contract says (its body names recording {LoopbackServer.RecordingId:D}), so the upload is not counted as accepted. Send it again: a repeat upload is safe, and the API answers 200 for a recording it already has.",
                error.Exception.Message);
            Assert.Empty(result.Output);
            Assert.Equal(1, server.ConnectionCount);
            Assert.True(!System.IO.File.Exists(journal) || System.IO.File.ReadAllText(journal).Trim().Length == 0);
        }

        [Fact]
        public void SuccessDeclaringAHugeContentLengthIsRefusedUnread()
        {
            using var server = new LoopbackServer(async exchange =>
            {
                string? head = await exchange.ReadHeadAsync();
                if (head is null) return;
                await exchange.ReadBodyAsync(LoopbackExchange.ContentLength(head));
                // Declares 10 GiB, sends 16 bytes, then holds the line open: a client that reads waits forever.
                await exchange.WriteAsync("HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 10737418240\r\n\r\n");
                await exchange.WriteBodyAsync(Encoding.ASCII.GetBytes("{\"data\":{\"recor"));
                await Task.Delay(Timeout.Infinite, exchange.Stopping); // never answers: the condition under test
            });
            string file = _files.Create("call.wav");

            PwshResult result = _session.Run(Send + " -MaxRetries 0 -TimeoutSec 30", file, server.BaseUri);

            var error = Assert.Single(result.Errors);
            Assert.Equal("InvalidResponse" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.StartsWith($"The API answered HTTP 201 (created) to the upload of '{file}' with a body larger than 1 MiB instead of the expected JSON. It answered success, so it probably holds the recording:", error.Exception.Message);
            Assert.Equal(1, server.ConnectionCount);
        }

        [Fact]
        public void ProxyParameterSendsAPlainHttpUploadThroughTheLoggingProxy()
        {
            using var proxy = new LoopbackServer(LoopbackServer.Created());
            string file = _files.Create("call.wav");

            PwshResult result = _session.Run(Send + " -AllowUnencryptedAuthentication -Proxy $args[2]", file, $"http://{UnreachableHost}/api/v1", $"http://127.0.0.1:{proxy.Port}").ThrowIfFailed();

            Assert.Equal(LoopbackServer.RecordingId, result.Property<Guid>(0, "RecordingId"));
            string head = Assert.Single(proxy.RequestHeads);
            Assert.StartsWith($"POST http://{UnreachableHost}/api/v1/recordings/upload HTTP/1.1\r\n", head);
        }

        [Fact]
        public void ProxyCredentialAnswersTheProxysChallengeAndIsSentToTheProxyOnly()
        {
            using var proxy = new LoopbackServer(async exchange =>
            {
                string? head = await exchange.ReadHeadAsync();
                if (head is null) return;
                await exchange.ReadBodyAsync(LoopbackExchange.ContentLength(head));
                if (LoopbackExchange.Header(head, "Proxy-Authorization") is null)
                {
                    await exchange.WriteResponseAsync(407, Array.Empty<byte>(), "Proxy-Authenticate: Basic realm=\"corp\"");
                    return;
                }
                await exchange.WriteResponseAsync(201, Encoding.UTF8.GetBytes("{\"data\":{\"recording\":{\"id\":\"" + LoopbackServer.RecordingId.ToString("D") + "\"}}}"), "Content-Type: application/json");
            });
            string file = _files.Create("call.wav");

            PwshResult result = _session.Run(
                Send + " -AllowUnencryptedAuthentication -Proxy $args[2] -ProxyCredential ([pscredential]::new('proxyuser', (ConvertTo-SecureString 'proxy-pass' -AsPlainText -Force)))",
                file, $"http://{UnreachableHost}/api/v1", $"http://127.0.0.1:{proxy.Port}").ThrowIfFailed();

            Assert.Equal(LoopbackServer.RecordingId, result.Property<Guid>(0, "RecordingId"));
            Assert.Equal(2, proxy.RequestHeads.Count);
            Assert.Null(LoopbackExchange.Header(proxy.RequestHeads[0], "Proxy-Authorization"));
            Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("proxyuser:proxy-pass")), LoopbackExchange.Header(proxy.RequestHeads[1], "Proxy-Authorization"));
        }

        [Fact]
        public void ProxyTunnelsAnHttpsUploadSoTheProxyNeverSeesTheKey()
        {
            using var proxy = new TlsLoopbackServer(tunnel: true);
            string file = _files.Create("call.wav");

            PwshResult result = _session.Run(Send + " -Proxy $args[2]", file, $"https://{UnreachableHost}/api/v1", $"http://127.0.0.1:{proxy.Port}");

            // The test's certificate is trusted by nobody, so the upload ends there; what matters is the route.
            var error = Assert.Single(result.Errors);
            Assert.Equal("CertificateRejected" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.StartsWith($"The certificate of {UnreachableHost} was rejected", error.Exception.Message);
            Assert.True(proxy.WaitForConnections(TimeSpan.FromSeconds(10)));
            Assert.Equal($"CONNECT {UnreachableHost}:443 HTTP/1.1", Assert.Single(proxy.ConnectLines));
            Assert.DoesNotContain("Bearer", proxy.Received);
            Assert.DoesNotContain(Key.Substring(0, 8), proxy.Received);
        }

        [Fact]
        public void ProxyDoesNotLiftTheRefusalOfPlainHttpOffLoopback()
        {
            using var proxy = new LoopbackServer(LoopbackServer.Created());

            PwshResult result = _session.Run("try { " + Send + " -Proxy $args[2] } catch { $_ }", _files.Create("call.wav"), $"http://{UnreachableHost}/api/v1", $"http://127.0.0.1:{proxy.Port}");

            var error = (ErrorRecord)Assert.Single(result.Output).BaseObject;
            Assert.Equal("InsecureBaseUri" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Equal(0, proxy.ConnectionCount);
        }

        [Fact]
        public void ProxyUseDefaultCredentialsIsKeptWithTheSessionsProxy()
        {
            PwshResult result = _session.Run(
                "$c = Connect-Alpharun -ApiKey (ConvertTo-SecureString $TestKey -AsPlainText -Force) -Proxy http://proxy.example.test:8080 -ProxyUseDefaultCredentials -PassThru; $c.Proxy.Address.AbsoluteUri; $c.Proxy.UseDefaultCredentials; $c.Proxy.HasCredential").ThrowIfFailed();

            Assert.Equal(new object[] { "http://proxy.example.test:8080/", true, false }, result.Output.Select(o => o.BaseObject));
        }

        [Fact]
        public void ProxyIsNotUsedForALoopbackBaseUri()
        {
            using var proxy = new LoopbackServer(LoopbackServer.Created());
            using var api = new LoopbackServer(LoopbackServer.Created());

            PwshResult result = _session.Run(Send + " -Proxy $args[2]", _files.Create("call.wav"), api.BaseUri, $"http://127.0.0.1:{proxy.Port}").ThrowIfFailed();

            Assert.Single(result.Output);
            Assert.Single(api.RequestHeads);
            Assert.Equal(0, proxy.ConnectionCount);
        }

        [Fact]
        public void ConnectAlpharunKeepsTheProxyForTheSessionsUploads()
        {
            using var proxy = new LoopbackServer(LoopbackServer.Created());
            PwshResult connected = _session.Run(
                "Connect-Alpharun -ApiKey (ConvertTo-SecureString $TestKey -AsPlainText -Force) -BaseUri $args[0] -AllowUnencryptedAuthentication -Proxy $args[1] -Verbose",
                $"http://{UnreachableHost}/api/v1", $"http://127.0.0.1:{proxy.Port}").ThrowIfFailed();

            PwshResult result = _session.Run("Send-AlpharunRecording -LiteralPath $args[0] -Teammate ana@acme.com -Contact bob@client.com -RecordedAt '2024-01-15T14:30:00Z'",
                _files.Create("call.wav")).ThrowIfFailed();

            Assert.Equal($"Connected to http://{UnreachableHost}/api/v1 through proxy http://127.0.0.1:{proxy.Port}/ for this session.", Assert.Single(connected.Verbose));
            Assert.Equal(LoopbackServer.RecordingId, result.Property<Guid>(0, "RecordingId"));
            Assert.StartsWith($"POST http://{UnreachableHost}/api/v1/recordings/upload HTTP/1.1\r\n", Assert.Single(proxy.RequestHeads));
        }

        [Theory]
        [InlineData("-ProxyCredential ([pscredential]::new('u', (ConvertTo-SecureString 'p' -AsPlainText -Force)))", "-ProxyCredential needs -Proxy")]
        [InlineData("-Proxy http://127.0.0.1:9 -ProxyUseDefaultCredentials -ProxyCredential ([pscredential]::new('u', (ConvertTo-SecureString 'p' -AsPlainText -Force)))", "-ProxyCredential and -ProxyUseDefaultCredentials exclude each other")]
        public void AProxyCredentialWithoutAProxyOrBothCredentialsAreInvalidProxy(string parameters, string message)
        {
            using var server = new LoopbackServer(LoopbackServer.Created());
            PwshResult result = _session.Run("try { " + Send + " " + parameters + " } catch { $_ }", _files.Create("call.wav"), server.BaseUri);

            var error = (ErrorRecord)Assert.Single(result.Output).BaseObject;
            Assert.Equal("InvalidProxy" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.StartsWith(message, error.Exception.Message);
            Assert.Equal(0, server.ConnectionCount);
        }
    }

    /// <summary>$env:ALPHARUN_BASE_URI is process-wide, so this runs alone.</summary>
    [Collection(ProcessEnvironmentCollection.Name)]
    public sealed class InvalidBaseUriEnvironmentTests : IDisposable
    {
        private readonly Recordings _files = new Recordings();

        public void Dispose() => _files.Dispose();

        [Fact]
        public void BaseUriWithAQueryInTheEnvironmentIsInvalidBaseUri()
        {
            string file = _files.Create("call.wav");
            Environment.SetEnvironmentVariable("ALPHARUN_BASE_URI", "https://127.0.0.1:1/api/v1?x=1");
            try
            {
                using var session = new PwshSession();
                PwshResult result = session.Run("try { Send-AlpharunRecording -LiteralPath $args[0] -Teammate ana@acme.com -Contact bob@client.com -RecordedAt '2024-01-15T14:30:00Z' -ApiKey (ConvertTo-SecureString 'k' -AsPlainText -Force) } catch { $_ }", file);

                var error = (ErrorRecord)Assert.Single(result.Output).BaseObject;
                Assert.Equal("InvalidBaseUri" + SandboxedSession.Cmdlet, error.FullyQualifiedErrorId);
                Assert.Equal(file, error.TargetObject);
                Assert.StartsWith("The base URI 'https://127.0.0.1:1/api/v1?x=1' has a query or fragment ('?x=1')", error.Exception.Message);
            }
            finally
            {
                Environment.SetEnvironmentVariable("ALPHARUN_BASE_URI", null);
            }
        }

        [Fact]
        public void InvalidBaseUriInTheEnvironmentIsAnInvalidBaseUriErrorRecordForTheFile()
        {
            string file = _files.Create("call.wav");
            Environment.SetEnvironmentVariable("ALPHARUN_BASE_URI", "api.alpharun.com/api/v1");
            try
            {
                using var session = new PwshSession();
                PwshResult result = session.Run("try { Send-AlpharunRecording -LiteralPath $args[0] -Teammate ana@acme.com -Contact bob@client.com -RecordedAt '2024-01-15T14:30:00Z' -ApiKey (ConvertTo-SecureString 'k' -AsPlainText -Force) } catch { $_ }", file);

                var error = (ErrorRecord)Assert.Single(result.Output).BaseObject;
                Assert.Equal("InvalidBaseUri" + SandboxedSession.Cmdlet, error.FullyQualifiedErrorId);
                Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
                Assert.Equal(file, error.TargetObject);
                Assert.Equal("$env:ALPHARUN_BASE_URI is 'api.alpharun.com/api/v1', which is not an absolute URI. Set it to the API's address, e.g. https://api.alpharun.com/api/v1, or remove it to use that address.",
                    error.Exception.Message);
            }
            finally
            {
                Environment.SetEnvironmentVariable("ALPHARUN_BASE_URI", null);
            }
        }
    }
}

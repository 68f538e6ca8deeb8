using System;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace Alpharun.PowerShell.Tests.Security
{
    /// <summary>
    /// Issue 18 (items 5, 7, 11), issue 19 (items 1, 8) and issue 16 (item 4) through the cmdlet, with servers whose every
    /// byte the test writes: an https address at a plain-http port, proxies asking for credentials, an address that is
    /// not the upload API, request ids, and the key where a broken server or .NET puts it. Loopback only;
    /// api.alpharun.test (RFC 6761) is reached only through the test's own proxy.
    /// </summary>
    public sealed class TransportAnswerTests : IDisposable
    {
        private const string Cmdlet = SandboxedSession.Cmdlet;
        private const string Key = "sk_live_ANSWERCANARY_01234qrst56789uvwxXYZ";
        private const string UnreachableHost = "api.alpharun.test";
        private readonly Recordings _files = new Recordings();
        private readonly PwshSession _session = new PwshSession();

        public TransportAnswerTests() => _session.SetVariable("TestKey", Key);

        public void Dispose()
        {
            _session.Dispose();
            _files.Dispose();
        }

        private const string Send =
            "Send-AlpharunRecording -LiteralPath $args[0] -Teammate ana@acme.com -Contact bob@client.com -RecordedAt '2024-01-15T14:30:00Z' -BaseUri $args[1] -ApiKey (ConvertTo-SecureString $TestKey -AsPlainText -Force)";

        private const string SendBatch =
            "$args[0] | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -RecordedAt '2024-01-15T14:30:00Z' -ThrottleLimit 1 -BaseUri $args[1] -ApiKey (ConvertTo-SecureString $TestKey -AsPlainText -Force)";

        private static object? PropertyOf(ErrorRecord error, string name) => PSObject.AsPSObject(error.Exception).Properties[name].Value;

        private string[] ThreeFiles() => new[] { _files.Create("one.wav"), _files.Create("two.wav"), _files.Create("three.wav") };

        [Fact]
        public void HttpsToAPlainHttpPortSaysTheServerDidNotSpeakTlsOnceForTheBatch()
        {
            // The server answers the TLS hello with plain HTTP, as any http port does; .NET says "Cannot determine the
            // frame size or a corrupted frame was received", which used to be reported as a rejected certificate.
            using var plain = new LoopbackServer(async exchange =>
            {
                await exchange.ReadSomeAsync();
                await exchange.WriteAsync("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                await exchange.CloseAsync();
            });
            string[] files = ThreeFiles();

            PwshResult result = _session.Run("try { " + SendBatch + " } catch { $_ }", files, $"https://127.0.0.1:{plain.Port}/api/v1");

            var error = (ErrorRecord)Assert.Single(result.Output).BaseObject;
            Assert.Equal("TlsHandshakeFailed" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
            Assert.Equal(files[0], error.TargetObject);
            Assert.StartsWith($"The TLS handshake with 127.0.0.1 failed before its certificate was checked, so '{files[0]}' was not sent: ", error.Exception.Message);
            Assert.Contains($"The server at 127.0.0.1:{plain.Port} did not speak TLS: what came back was not a TLS answer. It is probably a plain http port", error.Exception.Message);
            Assert.DoesNotContain("certificate was rejected", error.Exception.Message);
            Assert.Contains("The batch stopped; 0 uploads the API accepted before that were output.", error.Exception.Message);
            Assert.Empty(result.Errors);
            Assert.True(plain.WaitForExchanges(TimeSpan.FromSeconds(10)));
            Assert.Equal(1, plain.ConnectionCount);
        }

        [Fact]
        public void AGlobalCertificateCallbackThatAcceptsEverythingDoesNotWeakenTheModulesCheck()
        {
            // The Windows PowerShell idiom. On PowerShell 7 it never reached HttpClient; on 5.1 the handler's own
            // callback now answers instead (AlpharunHandlerTests reads that back); here the outcome is pinned.
            using var server = new TlsLoopbackServer();
            string file = _files.Create("call.wav");

            PwshResult result = _session.Run(
                "[Net.ServicePointManager]::ServerCertificateValidationCallback = { $true }; try { " + Send + " } finally { [Net.ServicePointManager]::ServerCertificateValidationCallback = $null }",
                file, $"https://127.0.0.1:{server.Port}/api/v1");

            var error = Assert.Single(result.Errors);
            Assert.Equal("CertificateRejected" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.StartsWith($"The certificate of 127.0.0.1 was rejected, so '{file}' was not sent: RemoteCertificateChainErrors (", error.Exception.Message);
            Assert.Contains("UntrustedRoot", error.Exception.Message);
        }

        [Fact]
        public void AProxyAskingForCredentialsIsOneProxyAuthenticationRequiredNamingTheProxy()
        {
            using var proxy = new LoopbackServer(async exchange =>
            {
                string? head = await exchange.ReadHeadAsync();
                if (head is null) return;
                await exchange.ReadBodyAsync(LoopbackExchange.ContentLength(head));
                await exchange.WriteResponseAsync(407, Array.Empty<byte>(), "Proxy-Authenticate: NTLM", "Proxy-Authenticate: Basic realm=\"corp\"");
            });
            string[] files = ThreeFiles();

            PwshResult result = _session.Run("try { " + SendBatch + " -AllowUnencryptedAuthentication -Proxy $args[2] } catch { $_ }",
                files, $"http://{UnreachableHost}/api/v1", $"http://127.0.0.1:{proxy.Port}");

            var error = (ErrorRecord)Assert.Single(result.Output).BaseObject;
            Assert.Equal("ProxyAuthenticationRequired" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
            Assert.StartsWith($"The proxy http://127.0.0.1:{proxy.Port}/ asked for credentials (HTTP 407), so '{files[0]}' did not reach the Alpharun API. Pass -ProxyUseDefaultCredentials to send the signed-in user's credentials", error.Exception.Message);
            Assert.Equal(407, PropertyOf(error, "StatusCode"));
            Assert.Single(proxy.RequestHeads);
        }

        [Fact]
        public void AProxyRefusingTheTunnelForAnHttpsAddressIsProxyAuthenticationRequired()
        {
            using var proxy = new LoopbackServer(async exchange =>
            {
                if (await exchange.ReadHeadAsync() is null) return;
                await exchange.WriteResponseAsync(407, Array.Empty<byte>(), "Proxy-Authenticate: Negotiate");
            });
            string file = _files.Create("call.wav");

            PwshResult result = _session.Run(Send + " -Proxy $args[2]", file, $"https://{UnreachableHost}/api/v1", $"http://127.0.0.1:{proxy.Port}");

            var error = Assert.Single(result.Errors);
            Assert.Equal("ProxyAuthenticationRequired" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.StartsWith($"The proxy http://127.0.0.1:{proxy.Port}/ asked for credentials (HTTP 407)", error.Exception.Message);
            Assert.StartsWith($"CONNECT {UnreachableHost}:443 HTTP/1.1", Assert.Single(proxy.RequestHeads));
        }

        [Fact]
        public void ProxyUseDefaultCredentialsAloneIsAcceptedAndALoopbackAddressIsStillReachedDirectly()
        {
            // It used to be InvalidProxy ("needs -Proxy"); alone it now means the system proxy with the signed-in user's credentials.
            using var api = new LoopbackServer(LoopbackServer.Created());

            PwshResult result = _session.Run(Send + " -ProxyUseDefaultCredentials", _files.Create("call.wav"), api.BaseUri).ThrowIfFailed();
            PwshResult connected = _session.Run("$c = Connect-Alpharun -ApiKey (ConvertTo-SecureString $TestKey -AsPlainText -Force) -ProxyUseDefaultCredentials -PassThru -Verbose; $c.Proxy.Address; $c.Proxy.UseDefaultCredentials; \"$($c.Proxy)\"").ThrowIfFailed();

            Assert.Equal(LoopbackServer.RecordingId, result.Property<Guid>(0, "RecordingId"));
            // $c.Proxy.Address is $null: the system's proxy, found per address.
            Assert.Equal(new object?[] { null, true, "the system proxy" }, connected.Output.Select(o => o?.BaseObject));
            Assert.Equal("Connected to https://api.alpharun.com/api/v1 through the system proxy, answered with the signed-in user's credentials, for this session.", Assert.Single(connected.Verbose));
        }

        [Fact]
        public void AnAddressWhoseUploadPathAnswers404StopsTheBatchWithOneNotAlpharunApiError()
        {
            using var server = new LoopbackServer(LoopbackServer.Answer(404, "<html><body>Not Found</body></html>", "Content-Type: text/html", "X-Request-Id: req-404"));
            string[] files = ThreeFiles();

            PwshResult result = _session.Run("try { " + SendBatch + " } catch { $_ }", files, server.BaseUri);

            var error = (ErrorRecord)Assert.Single(result.Output).BaseObject;
            Assert.Equal("NotAlpharunApi" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Equal($"The address does not serve the Alpharun upload API: POST {server.BaseUri}/recordings/upload answered HTTP 404 (not found) to '{files[0]}'. Check -BaseUri ($env:ALPHARUN_BASE_URI, or Connect-Alpharun -BaseUri): the API's address is https://api.alpharun.com/api/v1, path included; every file sent there gets the same answer. Request id: req-404. The batch stopped; 0 uploads the API accepted before that were output. Running the same command again is safe: the API answers 200 (AlreadyExisted) with the same id for a recording it has; pass -Journal to skip them instead.",
                error.Exception.Message);
            // The terminating error keeps what the failure carried.
            Assert.Equal(("req-404", 1, 404), (PropertyOf(error, "RequestId"), PropertyOf(error, "Attempts"), PropertyOf(error, "StatusCode")));
            Assert.Empty(result.Errors);
            Assert.Single(server.RequestHeads);
        }

        [Fact]
        public void AFailedUploadsErrorCarriesTheRequestIdAndTheAttempts()
        {
            using var server = new LoopbackServer(LoopbackServer.Answer(503, "{\"message\":\"maintenance\"}", "Content-Type: application/json", "X-Amzn-RequestId: 6f1c9e2a-amzn", "Retry-After: 1"));
            string file = _files.Create("call.wav");

            PwshResult result = _session.Run(Send + " -MaxRetries 1", file, server.BaseUri);

            var error = Assert.Single(result.Errors);
            Assert.Equal("ServerError" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Equal($"The Alpharun API failed while uploading '{file}' (HTTP 503). The API said: maintenance Send it again later; a repeat upload is safe. Request id: 6f1c9e2a-amzn.", error.Exception.Message);
            Assert.Equal("6f1c9e2a-amzn", PropertyOf(error, "RequestId"));
            Assert.Equal(2, PropertyOf(error, "Attempts"));
            Assert.Equal(503, PropertyOf(error, "StatusCode"));
            Assert.Equal(TimeSpan.FromSeconds(1), PropertyOf(error, "RetryAfter"));
        }

        [Fact]
        public void AKeyUsedAsAPropertyNameInASuccessBodyReachesNoStream()
        {
            using var server = new LoopbackServer(async exchange =>
            {
                string? head = await exchange.ReadHeadAsync();
                if (head is null) return;
                await exchange.ReadBodyAsync(LoopbackExchange.ContentLength(head));
                string echoed = LoopbackExchange.Header(head, "Authorization")!.Substring(7);
                await exchange.WriteResponseAsync(201, Encoding.UTF8.GetBytes("{\"data\":{\"" + echoed + "\":[}}"), "Content-Type: application/json");
            });
            var seen = new LeakCollector();

            PwshResult result = seen.Add("json", _session.Run(Send + " -Verbose -Debug", _files.Create("call.wav"), server.BaseUri));
            seen.Add("$Error", _session.Run("$Error | ForEach-Object { $_ }"));

            var error = Assert.Single(result.Errors);
            Assert.Equal("InvalidResponse" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Contains("Path: $.data.*** | LineNumber", error.Exception.Message);
            Assert.Empty(seen.FindLeaks(Key));
        }

        [Theory]
        [InlineData("HTTX/1.1 201 {0}\r\nContent-Length: 0\r\n\r\n")]
        [InlineData("HTTP/1.1 201 Created\r\nX-Broken{0}\r\nContent-Length: 0\r\n\r\n")]
        public void AKeyMoreThanAThousandCharactersIntoAnInvalidStatusOrHeaderLineReachesNoStream(string answer)
        {
            // .NET quotes the whole line it could not parse ("Received an invalid status line: '...'"); the message keeps
            // 1000 characters of it, and the exception kept inside used to hold the rest, key included.
            using var server = new LoopbackServer(async exchange =>
            {
                string? head = await exchange.ReadHeadAsync();
                if (head is null) return;
                await exchange.ReadBodyAsync(LoopbackExchange.ContentLength(head));
                string echoed = LoopbackExchange.Header(head, "Authorization")!;
                await exchange.WriteAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, answer, new string('x', 1200) + " " + echoed));
                await exchange.CloseAsync();
            });
            var seen = new LeakCollector();

            PwshResult result = seen.Add("status-line", _session.Run(Send + " -MaxRetries 0", _files.Create("call.wav"), server.BaseUri));
            seen.Add("$Error", _session.Run("$Error | ForEach-Object { $_ }"));

            var error = Assert.Single(result.Errors);
            Assert.Equal("ConnectionFailed" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.NotNull(error.Exception.InnerException);
            Assert.Empty(seen.FindLeaks(Key));
        }

        [Fact]
        public void AKeyEchoedWithZeroWidthSpacesOrInFullWidthLettersIsMasked()
        {
            using var server = new LoopbackServer(async exchange =>
            {
                string? head = await exchange.ReadHeadAsync();
                if (head is null) return;
                await exchange.ReadBodyAsync(LoopbackExchange.ContentLength(head));
                string key = LoopbackExchange.Header(head, "Authorization")!.Substring(7);
                string split = string.Join("\\u200b", key.ToCharArray());
                string wide = new string(key.Select(c => (char)(c - '!' + 0xFF01)).ToArray());
                await exchange.WriteResponseAsync(422, Encoding.UTF8.GetBytes("{\"message\":\"split " + split + " wide " + wide + "\"}"), "Content-Type: application/json");
            });
            var seen = new LeakCollector();

            PwshResult result = seen.Add("disguised", _session.Run(Send, _files.Create("call.wav"), server.BaseUri));

            var error = Assert.Single(result.Errors);
            Assert.Equal("split *** wide ***", PropertyOf(error, "ApiMessage"));
            Assert.Empty(seen.FindLeaks(Key));
            // What a terminal would show, folded back: no piece of the key there either.
            Assert.DoesNotContain(Key.Substring(8, 8), error.Exception.Message.Normalize(NormalizationForm.FormKC).Replace("\u200b", string.Empty), StringComparison.OrdinalIgnoreCase);
        }

        [Theory]
        [InlineData("Send-AlpharunRecording -LiteralPath $args[0] -Teammate ana@acme.com -Contact bob@client.com -BaseUri $args[1] -ApiKey (ConvertTo-SecureString $TestKey -AsPlainText -Force) -Verbose -Debug")]
        [InlineData("Send-AlpharunRecording -LiteralPath $args[0] -Teammate ana@acme.com -Contact bob@client.com -BaseUri $args[1] -ApiKey (ConvertTo-SecureString $TestKey -AsPlainText -Force) -WhatIf -Verbose")]
        [InlineData("Connect-Alpharun -ApiKey (ConvertTo-SecureString $TestKey -AsPlainText -Force) -BaseUri $args[1] -PassThru -Verbose | ConvertTo-Json")]
        public void ABaseUriWithAPasswordIsRefusedAndThePasswordShownNowhere(string script)
        {
            using var server = new LoopbackServer(LoopbackServer.Created());
            string address = $"http://ana:pa55-W0RD-canary@127.0.0.1:{server.Port}/api/v1";

            PwshResult result = _session.Run("try { " + script + " } catch { $_ }", _files.Create("call.wav"), address);

            var error = (ErrorRecord)Assert.Single(result.Output).BaseObject;
            Assert.StartsWith("InvalidBaseUri,", error.FullyQualifiedErrorId);
            Assert.Equal($"The base URI 'http://***@127.0.0.1:{server.Port}/api/v1' carries a user name and password, which the Alpharun API does not use: the API key is its only credential, sent in the Authorization header. Pass the address without them, e.g. {server.BaseUri}.", error.Exception.Message);
            // What the module writes; the command line a user typed is PowerShell's own (InvocationInfo).
            string written = string.Join("\n", new[] { error.Exception.ToString(), error.TargetObject?.ToString(), error.CategoryInfo.ToString() }
                .Concat(result.Verbose).Concat(result.Debug).Concat(result.Warnings).Concat(result.Information));
            Assert.DoesNotContain("pa55-W0RD", written);
            Assert.Equal(0, server.ConnectionCount);
        }
    }
}

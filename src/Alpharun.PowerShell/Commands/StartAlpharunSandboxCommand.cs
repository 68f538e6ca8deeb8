using System;
using System.Management.Automation;
using Alpharun.Sandbox;

namespace Alpharun.Commands
{
    /// <summary>Starts the local sandbox API on 127.0.0.1 and connects the session to it.</summary>
    [Cmdlet(VerbsLifecycle.Start, "AlpharunSandbox")]
    [OutputType(typeof(SandboxInfo))]
    public sealed class StartAlpharunSandboxCommand : PSCmdlet
    {
        /// <summary>The port to listen on; 0 or omitted picks a free one.</summary>
        [Parameter(Position = 0)]
        [ValidateRange(0, 65535)]
        public int Port { get; set; }

        /// <summary>Teammates with no routing rule: uploads for them without -PlaybookId are refused, as the API does.</summary>
        [Parameter]
        public string[] TeammateWithoutRouting { get; set; } = Array.Empty<string>();

        /// <summary>The key the sandbox accepts; omitted, a random one that only this session knows.</summary>
        [Parameter]
        public System.Security.SecureString? ApiKey { get; set; }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            var options = new SandboxOptions { Port = Port, ApiKey = ApiKey is null ? null : Alpharun.ApiKey.FromSecureString(ApiKey) };
            foreach (string teammate in TeammateWithoutRouting) options.TeammatesWithoutRouting.Add(teammate);

            AlpharunSession session = AlpharunSession.Current;
            SandboxServer server;
            Uri? replaced;
            try
            {
                server = session.StartSandbox(options, out replaced);
            }
            catch (Exception e) when (e is InvalidOperationException || e is System.Net.Sockets.SocketException)
            {
                ThrowTerminatingError(AlpharunErrors.Create("SandboxStartFailed", ErrorCategory.ResourceUnavailable,
                    $"The sandbox could not listen on 127.0.0.1:{Port}: {e.Message} Pick another -Port or leave it out to use a free one.", Port, e));
                return;
            }

            AlpharunConnection? before = session.Connection;
            var connection = new AlpharunConnection(server.ApiKey, server.BaseUri);
            session.ConnectToSandbox(connection, replaced);
            WriteVerbose(before is null || before.BaseUri == replaced
                ? $"The sandbox listens at {server.BaseUri}; this session is connected to it. Stop-AlpharunSandbox stops it."
                : $"The sandbox listens at {server.BaseUri}; this session is connected to it instead of {before.BaseUri} until Stop-AlpharunSandbox, which stops it and gives that connection back.");
            WriteObject(new SandboxInfo(server.BaseUri, server.Port, server.StartedAt, connection));
        }
    }
}

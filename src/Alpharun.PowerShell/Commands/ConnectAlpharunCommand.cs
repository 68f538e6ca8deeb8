using System;
using System.Management.Automation;
using System.Security;

namespace Alpharun.Commands
{
    /// <summary>Keeps an API key (and optionally a base address) for the rest of the session.</summary>
    [Cmdlet(VerbsCommunications.Connect, "Alpharun")]
    [OutputType(typeof(void))]
    public sealed class ConnectAlpharunCommand : PSCmdlet
    {
        /// <summary>The API key, as a SecureString.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNull]
        public SecureString ApiKey { get; set; } = new SecureString();

        /// <summary>The API base address; defaults to the production API.</summary>
        [Parameter(Position = 1)]
        public Uri? BaseUri { get; set; }

        /// <summary>Allows a plain-http, non-loopback base URI, which sends the key unencrypted.</summary>
        [Parameter]
        public SwitchParameter AllowUnencryptedAuthentication { get; set; }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            AlpharunConnection connection;
            try
            {
                connection = new AlpharunConnection(Alpharun.ApiKey.FromSecureString(ApiKey), BaseUri, AllowUnencryptedAuthentication);
            }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(AlpharunErrors.InvalidArgument("InvalidConnection", e.Message, BaseUri));
                return;
            }
            AlpharunSession.Current.Connection = connection;
            WriteVerbose($"Connected to {connection.BaseUri} for this session.");
        }
    }
}

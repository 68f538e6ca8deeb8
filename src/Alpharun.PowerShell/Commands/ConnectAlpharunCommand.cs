using System;
using System.Collections.ObjectModel;
using System.Linq;
using System.Management.Automation;
using System.Security;

namespace Alpharun.Commands
{
    /// <summary>
    /// Keeps an API key (and optionally a base address) for the rest of the session. The key is given as a
    /// SecureString, or read from a SecretManagement vault so that it never appears in a script.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "Alpharun", DefaultParameterSetName = KeySet)]
    [OutputType(typeof(AlpharunConnection))]
    public sealed class ConnectAlpharunCommand : PSCmdlet
    {
        private const string KeySet = "ApiKey";
        private const string VaultSet = "Vault";
        private const string ConnectionSet = "Connection";

        /// <summary>The API key, as a SecureString.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = KeySet)]
        [ValidateNotNull]
        public SecureString ApiKey { get; set; } = new SecureString();

        /// <summary>The SecretManagement vault that holds the key.</summary>
        [Parameter(Mandatory = true, ParameterSetName = VaultSet)]
        [ValidateNotNullOrEmpty]
        public string VaultName { get; set; } = string.Empty;

        /// <summary>The name of the secret that holds the key.</summary>
        [Parameter(Mandatory = true, ParameterSetName = VaultSet)]
        [ValidateNotNullOrEmpty]
        public string SecretName { get; set; } = string.Empty;

        /// <summary>A connection made in another runspace: from Connect-Alpharun -PassThru or Start-AlpharunSandbox.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ConnectionSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNull]
        [ConnectionTransformation]
        public AlpharunConnection? Connection { get; set; }

        /// <summary>The API base address; defaults to the production API.</summary>
        [Parameter(Position = 1, ParameterSetName = KeySet)]
        [Parameter(ParameterSetName = VaultSet)]
        public Uri? BaseUri { get; set; }

        /// <summary>Allows a plain-http, non-loopback base URI, which sends the key unencrypted.</summary>
        [Parameter(ParameterSetName = KeySet)]
        [Parameter(ParameterSetName = VaultSet)]
        public SwitchParameter AllowUnencryptedAuthentication { get; set; }

        /// <summary>A proxy for this session's uploads; a loopback base URI is always reached directly.</summary>
        [Parameter(ParameterSetName = KeySet)]
        [Parameter(ParameterSetName = VaultSet)]
        public Uri? Proxy { get; set; }

        /// <summary>The user name and password the -Proxy asks for.</summary>
        [Parameter(ParameterSetName = KeySet)]
        [Parameter(ParameterSetName = VaultSet)]
        [Credential]
        public PSCredential? ProxyCredential { get; set; }

        /// <summary>Sends the signed-in user's credentials to the -Proxy.</summary>
        [Parameter(ParameterSetName = KeySet)]
        [Parameter(ParameterSetName = VaultSet)]
        public SwitchParameter ProxyUseDefaultCredentials { get; set; }

        /// <summary>Writes the connection, so it can be handed to other runspaces with $using:.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            AlpharunConnection connection;
            if (ParameterSetName == ConnectionSet)
            {
                connection = Connection!;
            }
            else
            {
                try
                {
                    AlpharunProxy? proxy = ConnectionResolver.ProxyOf(Proxy, ProxyCredential, ProxyUseDefaultCredentials);
                    ApiKey key = ParameterSetName == VaultSet ? ReadFromVault() : Alpharun.ApiKey.FromSecureString(ApiKey, ConnectionResolver.ApiKeyParameterSource);
                    connection = new AlpharunConnection(key, BaseUri, AllowUnencryptedAuthentication, proxy);
                }
                catch (InvalidAddressException e)
                {
                    // The address as given may hold a password: the target shows it as the message does, without one.
                    object? target = e.ErrorId == "InvalidProxy" ? (Proxy is null ? null : AddressText.Show(Proxy)) : BaseUri is null ? null : AddressText.Show(BaseUri);
                    ThrowTerminatingError(AlpharunErrors.InvalidArgument(e.ErrorId, e.Message, target));
                    return;
                }
                catch (InvalidApiKeyException e)
                {
                    // Never the key as the target.
                    ThrowTerminatingError(AlpharunErrors.InvalidArgument(e.ErrorId, e.Message, null));
                    return;
                }
            }
            AlpharunSession.Current.Connection = connection;
            WriteVerbose(connection.Proxy is null
                ? $"Connected to {connection.BaseUri} for this session."
                : connection.Proxy.Address is null
                    ? $"Connected to {connection.BaseUri} through the system proxy, answered with the signed-in user's credentials, for this session."
                    : $"Connected to {connection.BaseUri} through proxy {connection.Proxy} for this session.");
            if (PassThru) WriteObject(connection);
        }

        // SecretManagement is an optional companion module: it is called through the engine, never referenced.
        private ApiKey ReadFromVault()
        {
            if (InvokeCommand.GetCommand("Get-Secret", CommandTypes.All) is null)
            {
                ThrowTerminatingError(AlpharunErrors.Create("SecretManagementMissing", ErrorCategory.NotInstalled,
                    "Reading the key from a vault needs Microsoft.PowerShell.SecretManagement: Install-Module Microsoft.PowerShell.SecretManagement, register a vault, then Set-Secret -Name <name> -Vault <vault>.",
                    VaultName));
            }

            Collection<PSObject> found;
            try
            {
                found = InvokeCommand.InvokeScript("param($name, $vault) Get-Secret -Name $name -Vault $vault -ErrorAction Stop", SecretName, VaultName);
            }
            catch (RuntimeException e)
            {
                ThrowTerminatingError(AlpharunErrors.Create("SecretNotFound", ErrorCategory.ObjectNotFound,
                    $"The secret '{SecretName}' could not be read from vault '{VaultName}': {e.Message}", SecretName, e));
                throw;
            }

            object? secret = found.FirstOrDefault()?.BaseObject;
            switch (secret)
            {
                case SecureString secure when secure.Length > 0:
                    return Alpharun.ApiKey.FromSecureString(secure, $"The secret '{SecretName}' in vault '{VaultName}'");
                case string text when text.Trim().Length > 0:
                    return Alpharun.ApiKey.FromPlainText(text, $"The secret '{SecretName}' in vault '{VaultName}'");
                default:
                    ThrowTerminatingError(AlpharunErrors.Create("SecretNotUsable", ErrorCategory.InvalidData,
                        $"The secret '{SecretName}' in vault '{VaultName}' is empty or not text. Store the API key as a string secret: Set-Secret -Name {SecretName} -Vault {VaultName} -Secret (Read-Host -AsSecureString).",
                        SecretName));
                    throw new InvalidOperationException();
            }
        }
    }
}

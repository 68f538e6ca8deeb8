using System;
using System.Threading;
using System.Management.Automation;

namespace Alpharun.Commands
{
    /// <summary>The run's connection: the key checked once before anything is read, the client built once for every upload.</summary>
    public sealed partial class SendAlpharunRecordingCommand
    {
        /// <summary>
        /// A key that cannot be sent (-ApiKey or $env:ALPHARUN_API_KEY with a line break, a NUL, surrounding spaces, or
        /// empty) stops the command here with one InvalidApiKey error that says how to fix it, instead of one failed
        /// upload per file. Under -WhatIf too: the key given is wrong whether or not anything is sent.
        /// </summary>
        private void RefuseUnusableKey()
        {
            try
            {
                ConnectionResolver.ResolveGivenKey(ApiKey);
            }
            catch (InvalidApiKeyException e)
            {
                // Never the key as the target.
                ThrowTerminatingError(AlpharunErrors.InvalidArgument(e.ErrorId, e.Message, null));
            }
        }

        private AlpharunClient GetClient(string file)
        {
            if (_client != null) return _client;
            AlpharunConnection? connection;
            try
            {
                AlpharunProxy? proxy = ConnectionResolver.ProxyOf(Proxy, ProxyCredential, ProxyUseDefaultCredentials);
                connection = ConnectionResolver.Resolve(ApiKey, BaseUri, AllowUnencryptedAuthentication, proxy);
            }
            catch (InvalidAddressException e)
            {
                // InsecureBaseUri keeps the address as its target, as before; the new ids name the file being sent.
                Terminate(AlpharunErrors.InvalidArgument(e.ErrorId, e.Message, e.ErrorId == "InsecureBaseUri" ? (object?)BaseUri : file));
                throw;
            }
            if (connection is null)
            {
                Terminate(AlpharunErrors.Create("ApiKeyMissing", ErrorCategory.AuthenticationError, ApiKeyMissingMessage(), null));
            }
            _client = new AlpharunClient(connection!, UserAgentComment.For(this))
            {
                RetryPolicy = MaxRetries == 0 ? RetryPolicy.None : new RetryPolicy(MaxRetries),
                Gate = _gate = new UploadGate(TimeSpan.FromSeconds(MaxRateLimitWaitSec)),
                Timeout = TimeoutSec == 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(TimeoutSec),
            };
            return _client;
        }

        internal static string ApiKeyMissingMessage() => AlpharunSession.Current.MissingConnectionMessage;
    }
}

using System.Management.Automation;

namespace Alpharun.Commands
{
    /// <summary>Checks of what every upload of the run shares, made once before anything is read or sent.</summary>
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
    }
}

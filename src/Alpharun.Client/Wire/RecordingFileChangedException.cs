using System.IO;

namespace Alpharun
{
    /// <summary>The audio file changed while its bytes were being sent; the upload is not retried.</summary>
    public sealed class RecordingFileChangedException : IOException
    {
        /// <summary>Creates the exception.</summary>
        public RecordingFileChangedException(string message, System.Exception? innerException = null) : base(message, innerException)
        {
        }
    }
}

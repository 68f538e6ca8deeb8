using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading.Tasks;

namespace Alpharun.Sandbox
{
    /// <summary>The upload's parts as they arrive: the audio file's digest and the text fields. Other parts are skipped.</summary>
    internal sealed class UploadForm
    {
        public const int MaxTextPartBytes = 1024 * 1024;

        private static readonly HashSet<string> TextPartNames = new HashSet<string>(StringComparer.Ordinal)
        {
            "teammate_email", "recorded_at", "playbook_id", "contacts",
        };

        private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, true);

        private readonly Dictionary<string, string> _texts = new Dictionary<string, string>(StringComparer.Ordinal);

        public AudioFile? Audio { get; private set; }

        /// <summary>A text part's value, or null when it was not sent.</summary>
        public string? Text(string name) => _texts.TryGetValue(name, out string? value) ? value : null;

        /// <summary>Takes in one part; returns the answer that refuses the upload, or null to go on.</summary>
        public async Task<HttpResponse?> AddAsync(MultipartPart part)
        {
            if (part.Name == "audio")
            {
                if (Audio != null) return Duplicate(part.Name);
                Audio = await AudioFile.ReadAsync(part).ConfigureAwait(false);
                return null;
            }
            if (!TextPartNames.Contains(part.Name)) return null;
            if (_texts.ContainsKey(part.Name)) return Duplicate(part.Name);

            using var buffer = new MemoryStream();
            byte[] chunk = new byte[8192];
            int n;
            while ((n = await part.Body.ReadAsync(chunk, 0, chunk.Length).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + n > MaxTextPartBytes)
                {
                    return HttpResponse.Error(413, $"The {part.Name} part is larger than {MaxTextPartBytes / (1024 * 1024)} MiB.", part.Name);
                }
                buffer.Write(chunk, 0, n);
            }
            try
            {
                _texts.Add(part.Name, StrictUtf8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
            }
            catch (DecoderFallbackException)
            {
                return HttpResponse.Error(422, $"The {part.Name} part is not valid UTF-8 text.", part.Name);
            }
            return null;
        }

        private static HttpResponse Duplicate(string name) =>
            HttpResponse.Error(422, $"The {name} part was sent more than once. Send each field once per upload.", name);
    }
}

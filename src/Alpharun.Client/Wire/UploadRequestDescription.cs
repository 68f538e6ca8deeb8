using System.Text;

namespace Alpharun
{
    /// <summary>
    /// A one-line account of a request for debug output: method, address, headers with the key masked, and each
    /// part's name and size. Never a body, never the key.
    /// </summary>
    public static class UploadRequestDescription
    {
        /// <summary>Describes the upload of <paramref name="request"/> to <paramref name="connection"/>.</summary>
        public static string Describe(RecordingUploadRequest request, AlpharunConnection connection, string userAgent, long audioLength)
        {
            int contacts = ContactsJson.Encode(request.Contacts).Length;
            var sb = new StringBuilder()
                .Append("POST ").Append(connection.UploadUri.AbsoluteUri)
                .Append(" | Authorization: Bearer *** | User-Agent: ").Append(userAgent)
                .Append(" | Content-Type: multipart/form-data")
                .Append(" | parts: audio (").Append(request.FileName).Append(", ").Append(request.MediaType).Append(", ").Append(audioLength).Append(" bytes)")
                .Append(", teammate_email (").Append(Encoding.UTF8.GetByteCount(request.Teammate)).Append(" bytes)")
                .Append(", recorded_at (").Append(RecordedAtFormat.Format(request.RecordedAt)).Append(')');
            if (request.PlaybookId.HasValue) sb.Append(", playbook_id (").Append(request.PlaybookId.Value.ToString("D")).Append(')');
            sb.Append(", contacts (").Append(request.Contacts.Count).Append(" contact(s), ").Append(contacts).Append(" bytes of JSON)");
            return sb.ToString();
        }
    }
}

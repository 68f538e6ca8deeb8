using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Alpharun
{
    /// <summary>
    /// The one encoding of the <c>contacts</c> part: a JSON array of contact objects with the API's snake_case
    /// names; members that are not set are left out. The sandbox decodes with the same type.
    /// </summary>
    public static class ContactsJson
    {
        /// <summary>The Content-Type of the contacts part.</summary>
        public const string MediaType = "application/json";

        // The part is never embedded in HTML, so '+', quotes and non-ASCII letters are written as themselves.
        private static readonly JsonWriterOptions WriterOptions = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        /// <summary>Encodes <paramref name="contacts"/> as UTF-8 JSON.</summary>
        public static byte[] Encode(IEnumerable<Contact> contacts)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            {
                writer.WriteStartArray();
                foreach (Contact contact in contacts) Write(writer, contact);
                writer.WriteEndArray();
            }
            return buffer.ToArray();
        }

        /// <summary>Decodes a contacts array (or a single contact object); throws <see cref="FormatException"/> naming the member at fault.</summary>
        public static IReadOnlyList<Contact> Decode(string json) => Decode(json, userText: false);

        /// <summary>
        /// With <paramref name="userText"/> (a CSV cell, a -Contact argument), keys are matched as in a hashtable:
        /// case-insensitively, in the API or the PowerShell spelling ("Email", "PhoneNumber"), and an unknown key is an
        /// error rather than dropped. Without, the wire names are read exactly and others ignored.
        /// </summary>
        internal static IReadOnlyList<Contact> Decode(string json, bool userText)
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(json);
            }
            catch (JsonException e)
            {
                throw new FormatException("contacts is not valid JSON: " + e.Message, e);
            }
            using (document)
            {
                JsonElement root = document.RootElement;
                var contacts = new List<Contact>();
                if (root.ValueKind == JsonValueKind.Object)
                {
                    contacts.Add(Read(root, "contacts[0]", userText));
                }
                else if (root.ValueKind == JsonValueKind.Array)
                {
                    int i = 0;
                    foreach (JsonElement item in root.EnumerateArray()) contacts.Add(Read(item, $"contacts[{i++}]", userText));
                }
                else
                {
                    throw new FormatException("contacts must be a JSON array of contact objects.");
                }
                return contacts;
            }
        }

        private static void Write(Utf8JsonWriter writer, Contact contact)
        {
            writer.WriteStartObject();
            WriteIfSet(writer, "email", contact.Email);
            WriteIfSet(writer, "first_name", contact.FirstName);
            WriteIfSet(writer, "last_name", contact.LastName);
            WriteIfSet(writer, "phone_number", contact.PhoneNumber);
            WriteIfSet(writer, "ext_id", contact.ExtId);
            if (contact.CustomFields.Count > 0)
            {
                writer.WriteStartArray("custom_fields");
                foreach (CustomField field in contact.CustomFields)
                {
                    writer.WriteStartObject();
                    writer.WriteString("key", field.Key);
                    writer.WritePropertyName("value");
                    switch (field.Value)
                    {
                        case null: writer.WriteNullValue(); break;
                        case string s: writer.WriteStringValue(s); break;
                        case bool b: writer.WriteBooleanValue(b); break;
                        case long l: writer.WriteNumberValue(l); break;
                        // Not WriteNumberValue: the netstandard System.Text.Json that 5.1 loads writes doubles as "G17".
                        case double d: writer.WriteRawValue(JsonNumber.Format(d), skipInputValidation: true); break;
                        case decimal m: writer.WriteNumberValue(m); break;
                        default: throw new InvalidOperationException("Unnormalised custom field value " + field.Value.GetType());
                    }
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
            }
            writer.WriteEndObject();
        }

        private static void WriteIfSet(Utf8JsonWriter writer, string name, string? value)
        {
            if (value != null) writer.WriteString(name, value);
        }

        private static Contact Read(JsonElement element, string path, bool userText)
        {
            if (element.ValueKind != JsonValueKind.Object) throw new FormatException($"{path} must be a JSON object.");
            string? email = null, phone = null, extId = null, first = null, last = null;
            var fields = new List<CustomField>();
            foreach (JsonProperty member in element.EnumerateObject())
            {
                string at = path + "." + member.Name;
                string name = member.Name;
                if (userText && !ContactParser.TryGetMember(name, out name))
                {
                    throw new FormatException($"{at}: '{member.Name}' is not a contact key. Use email, phone_number, ext_id, first_name, last_name or custom_fields (in any case, or as Email, PhoneNumber, ExtId, FirstName, LastName, CustomField).");
                }
                switch (name)
                {
                    case "email": email = ReadString(member.Value, at); break;
                    case "first_name": first = ReadString(member.Value, at); break;
                    case "last_name": last = ReadString(member.Value, at); break;
                    case "ext_id": extId = ReadString(member.Value, at); break;
                    case "phone_number":
                        phone = member.Value.ValueKind == JsonValueKind.Number ? member.Value.GetRawText() : ReadString(member.Value, at);
                        break;
                    case "custom_fields": ReadCustomFields(member.Value, at, fields); break;
                }
            }
            return new Contact(email, phone, extId, first, last, fields);
        }

        private static string? ReadString(JsonElement value, string at)
        {
            if (value.ValueKind == JsonValueKind.Null) return null;
            if (value.ValueKind != JsonValueKind.String) throw new FormatException($"{at} must be a string.");
            return value.GetString();
        }

        private static void ReadCustomFields(JsonElement value, string at, List<CustomField> fields)
        {
            if (value.ValueKind == JsonValueKind.Null) return;
            if (value.ValueKind != JsonValueKind.Array) throw new FormatException($"{at} must be an array of {{\"key\", \"value\"}} objects.");
            int i = 0;
            foreach (JsonElement item in value.EnumerateArray())
            {
                string itemAt = $"{at}[{i++}]";
                if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("key", out JsonElement key) || key.ValueKind != JsonValueKind.String
                    || string.IsNullOrWhiteSpace(key.GetString()))
                {
                    throw new FormatException($"{itemAt} must be an object with a non-empty string key.");
                }
                if (!item.TryGetProperty("value", out JsonElement v)) throw new FormatException($"{itemAt}.value is required (it may be null).");
                object? parsed;
                switch (v.ValueKind)
                {
                    case JsonValueKind.Null: parsed = null; break;
                    case JsonValueKind.String: parsed = v.GetString(); break;
                    case JsonValueKind.True: parsed = true; break;
                    case JsonValueKind.False: parsed = false; break;
                    case JsonValueKind.Number:
                        parsed = v.TryGetInt64(out long l) ? l : v.TryGetDecimal(out decimal m) ? m : (object)v.GetDouble();
                        break;
                    default: throw new FormatException($"{itemAt}.value must be a string, a number, a boolean or null.");
                }
                fields.Add(new CustomField(key.GetString()!, parsed));
            }
        }
    }
}

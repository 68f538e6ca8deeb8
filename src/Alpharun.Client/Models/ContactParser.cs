using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace Alpharun
{
    /// <summary>
    /// Turns the loose forms users write contacts in into <see cref="Contact"/>s: text (an email, a phone number, a
    /// list of them separated by ';' or ',', or a JSON array as in a CSV cell) and key/value maps (hashtables,
    /// CSV rows). Key names are matched case-insensitively, in the PowerShell and the API spelling.
    /// </summary>
    public static class ContactParser
    {
        private const double MaxExactDouble = 9007199254740992d; // 2^53

        private static readonly Dictionary<string, string> KeyAliases = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Email"] = "email", ["EmailAddress"] = "email",
            ["PhoneNumber"] = "phone_number", ["phone_number"] = "phone_number", ["Phone"] = "phone_number",
            ["ExtId"] = "ext_id", ["ext_id"] = "ext_id",
            ["FirstName"] = "first_name", ["first_name"] = "first_name",
            ["LastName"] = "last_name", ["last_name"] = "last_name",
            ["CustomField"] = "custom_fields", ["CustomFields"] = "custom_fields", ["custom_fields"] = "custom_fields",
        };

        /// <summary>True when <paramref name="key"/> names a contact member.</summary>
        public static bool IsContactKey(string key) => KeyAliases.ContainsKey(key);

        // The API's name of the member <paramref name="key"/> names, matched as IsContactKey matches.
        internal static bool TryGetMember(string key, out string member)
        {
            bool found = KeyAliases.TryGetValue(key, out string? name);
            member = name ?? key;
            return found;
        }

        /// <summary>Parses text: JSON (starting with '[' or '{'), else one or more emails or phone numbers separated by ';' or ','.</summary>
        public static IReadOnlyList<Contact> ParseText(string text)
        {
            string s = (text ?? string.Empty).Trim();
            if (s.Length == 0) throw new FormatException("The contact is empty. Give an email address, a phone number or a New-AlpharunContact object.");
            if (s[0] == '[' || s[0] == '{') return ContactsJson.Decode(s, userText: true);

            var contacts = new List<Contact>();
            foreach (string piece in s.Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries).Select(p => p.Trim()).Where(p => p.Length > 0))
            {
                if (piece.IndexOf('@') >= 0) contacts.Add(new Contact(email: piece));
                else if (PhoneNumberRule.IsValid(piece)) contacts.Add(new Contact(phoneNumber: piece));
                else throw new FormatException($"The contact '{piece}' is neither an email address nor a phone number. For an ext id, use New-AlpharunContact -ExtId '{piece}'.");
            }
            if (contacts.Count == 0) throw new FormatException($"The contact '{s}' holds no email address or phone number.");
            return contacts;
        }

        /// <summary>
        /// Builds a contact from a map. With <paramref name="strictKeys"/>, an unknown key is an error (a typo in a
        /// hashtable); without, unknown keys are ignored (other columns of a CSV row). Values must already be plain
        /// .NET values (strings, numbers, booleans, dictionaries for custom fields).
        /// </summary>
        public static Contact FromMap(IEnumerable<KeyValuePair<string, object?>> map, bool strictKeys)
        {
            string? email = null, phone = null, extId = null, first = null, last = null;
            var fields = new List<CustomField>();
            foreach (KeyValuePair<string, object?> entry in map)
            {
                if (!KeyAliases.TryGetValue(entry.Key, out string? member))
                {
                    if (strictKeys) throw new FormatException($"'{entry.Key}' is not a contact key. Use Email, PhoneNumber, ExtId, FirstName, LastName or CustomField.");
                    continue;
                }
                switch (member)
                {
                    case "email": email = AsText(entry.Value, entry.Key); break;
                    case "phone_number": phone = AsText(entry.Value, entry.Key); break;
                    case "ext_id": extId = AsText(entry.Value, entry.Key); break;
                    case "first_name": first = AsText(entry.Value, entry.Key); break;
                    case "last_name": last = AsText(entry.Value, entry.Key); break;
                    case "custom_fields": fields.AddRange(CustomFieldsFrom(entry.Value)); break;
                }
            }
            return new Contact(email, phone, extId, first, last, fields);
        }

        /// <summary>Custom fields from a dictionary (key → value) or a sequence of <see cref="CustomField"/>; throws <see cref="ArgumentException"/> for an unsupported value.</summary>
        public static IEnumerable<CustomField> CustomFieldsFrom(object? value)
        {
            switch (value)
            {
                case null:
                    return Array.Empty<CustomField>();
                case IDictionary dictionary:
                    var fields = new List<CustomField>();
                    foreach (DictionaryEntry entry in dictionary) fields.Add(new CustomField(Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty, entry.Value));
                    return fields;
                case IEnumerable<CustomField> list:
                    return list.ToArray();
                default:
                    throw new ArgumentException($"Custom fields must be given as a hashtable of key = value, not a {value.GetType().FullName}.");
            }
        }

        // Phone numbers may come as numbers from JSON or spreadsheets; they are sent as written, digits intact.
        private static string? AsText(object? value, string key)
        {
            switch (value)
            {
                case null: return null;
                case string s: return s;
                case byte _: case sbyte _: case short _: case ushort _: case int _: case uint _: case long _: case ulong _: case decimal _:
                    return Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
                // A whole number from a spreadsheet cell. Up to 2^53 a double holds every digit exactly (the "0" format
                // would round a 16-digit number to 15 significant digits); beyond it the digits were lost already.
                case double d when Math.Floor(d) == d && Math.Abs(d) <= MaxExactDouble:
                    return ((long)d).ToString(System.Globalization.CultureInfo.InvariantCulture);
                default:
                    throw new FormatException($"The contact's {key} must be text, not a {value.GetType().FullName}.");
            }
        }
    }
}

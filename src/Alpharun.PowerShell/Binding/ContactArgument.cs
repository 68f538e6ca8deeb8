using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace Alpharun.Commands
{
    /// <summary>
    /// Converts what users pass to -Contact into <see cref="Contact"/>s: Alpharun.Contact objects, hashtables (keys
    /// checked strictly), other objects (contact properties read, the rest ignored), and strings (see
    /// <see cref="ContactParser.ParseText"/>). The PowerShell wrappers are peeled here; the rules live in the core.
    /// </summary>
    internal static class ContactArgument
    {
        /// <summary>
        /// The contacts of <paramref name="values"/>. A null or blank text is no contact (a blank CSV cell, a column of a
        /// Select-Object calculated property that is empty on this row): with nothing else given, the file fails with
        /// MissingContact.
        /// </summary>
        public static List<Contact> Convert(IEnumerable<object?> values)
        {
            var contacts = new List<Contact>();
            foreach (object? raw in values)
            {
                object? value = Unwrap(raw);
                if (value is null || (value is string text && text.Trim().Length == 0)) continue;
                contacts.AddRange(ConvertOne(value));
            }
            return contacts;
        }

        private static IEnumerable<Contact> ConvertOne(object value)
        {
            switch (value)
            {
                case Contact contact:
                    return new[] { contact };
                case string text:
                    return ContactParser.ParseText(text);
                case IDictionary dictionary:
                    return new[] { ContactParser.FromMap(Entries(dictionary), strictKeys: true) };
                case PSObject custom:
                    return new[] { FromProperties(custom) };
                default:
                    throw new FormatException($"A {value.GetType().FullName} cannot be used as a contact. Pass an email address, a phone number, a hashtable or a New-AlpharunContact object.");
            }
        }

        /// <summary>Peels PSObject wrappers down to the .NET value; a PSCustomObject stays wrapped so its properties can be read.</summary>
        public static object? Unwrap(object? value)
        {
            while (value is PSObject wrapped && !(wrapped.BaseObject is PSCustomObject)) value = wrapped.BaseObject;
            return value;
        }

        public static IEnumerable<KeyValuePair<string, object?>> Entries(IDictionary dictionary)
        {
            foreach (DictionaryEntry entry in dictionary)
            {
                yield return new KeyValuePair<string, object?>(System.Convert.ToString(Unwrap(entry.Key), System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty, UnwrapDeep(entry.Value));
            }
        }

        /// <summary>Copies a dictionary with its values unwrapped, so that custom field checks see the real types.</summary>
        public static IDictionary? UnwrapDictionary(IDictionary? dictionary)
        {
            if (dictionary is null) return null;
            var copy = new System.Collections.Specialized.OrderedDictionary();
            foreach (KeyValuePair<string, object?> entry in Entries(dictionary)) copy[entry.Key] = entry.Value;
            return copy;
        }

        private static object? UnwrapDeep(object? value)
        {
            object? unwrapped = Unwrap(value);
            return unwrapped is IDictionary nested ? UnwrapDictionary(nested) : unwrapped;
        }

        private static Contact FromProperties(PSObject custom)
        {
            var entries = custom.Properties
                .Where(p => p.IsGettable && ContactParser.IsContactKey(p.Name))
                .Select(p => new KeyValuePair<string, object?>(p.Name, UnwrapDeep(p.Value)))
                .ToList();
            if (entries.Count == 0)
            {
                throw new FormatException("An object passed as a contact has none of the properties Email, PhoneNumber, ExtId, FirstName, LastName, CustomField.");
            }
            return ContactParser.FromMap(entries, strictKeys: false);
        }
    }
}

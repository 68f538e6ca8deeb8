using System;
using System.Collections.Generic;
using System.Linq;

namespace Alpharun
{
    /// <summary>
    /// A person on the call. The API needs at least one of <see cref="Email"/>, <see cref="PhoneNumber"/> and
    /// <see cref="ExtId"/>; blank values count as absent.
    /// </summary>
    public sealed class Contact
    {
        /// <summary>Creates a contact. Values are trimmed; empty strings become null. Rules are checked by <see cref="ContactValidator"/>.</summary>
        public Contact(
            string? email = null,
            string? phoneNumber = null,
            string? extId = null,
            string? firstName = null,
            string? lastName = null,
            IEnumerable<CustomField>? customFields = null)
        {
            Email = Clean(email);
            PhoneNumber = Clean(phoneNumber);
            ExtId = Clean(extId);
            FirstName = Clean(firstName);
            LastName = Clean(lastName);
            CustomFields = (customFields ?? Enumerable.Empty<CustomField>()).ToArray();
        }

        /// <summary>Email address of the contact.</summary>
        public string? Email { get; }

        /// <summary>Phone number of the contact, as given.</summary>
        public string? PhoneNumber { get; }

        /// <summary>The contact's id in your own system (CRM, dialer).</summary>
        public string? ExtId { get; }

        /// <summary>First name.</summary>
        public string? FirstName { get; }

        /// <summary>Last name.</summary>
        public string? LastName { get; }

        /// <summary>Custom fields, in the order given.</summary>
        public IReadOnlyList<CustomField> CustomFields { get; }

        /// <summary>The identifier a person reads first: email, else phone number, else ext id.</summary>
        public override string ToString() => Email ?? PhoneNumber ?? (ExtId is null ? "(no identifier)" : "ext:" + ExtId);

        private static string? Clean(string? value)
        {
            if (value is null) return null;
            string trimmed = value.Trim();
            return trimmed.Length == 0 ? null : trimmed;
        }
    }
}

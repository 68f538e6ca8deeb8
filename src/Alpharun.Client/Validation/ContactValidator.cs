using System;
using System.Collections.Generic;

namespace Alpharun
{
    /// <summary>
    /// The API's contact rules: at least one contact; each has an email, phone number or ext id; emails and phone
    /// numbers are well formed; custom fields have keys; and no two contacts share an email (compared
    /// case-insensitively), a phone number (compared by its digits) or an ext id (compared exactly).
    /// </summary>
    public static class ContactValidator
    {
        /// <summary>Checks <paramref name="contacts"/>; <paramref name="subject"/> (the file) is named in every message.</summary>
        public static IReadOnlyList<ValidationFailure> Validate(IReadOnlyList<Contact?> contacts, string subject)
        {
            var failures = new List<ValidationFailure>();
            if (contacts is null || contacts.Count == 0)
            {
                failures.Add(new ValidationFailure(ValidationErrorKind.MissingContact, "contacts",
                    $"No contact was given for '{subject}'. Pass at least one contact with -Contact (an email, a phone number, or New-AlpharunContact)."));
                return failures;
            }

            var emails = new Dictionary<string, int>(StringComparer.Ordinal);
            var phones = new Dictionary<string, int>(StringComparer.Ordinal);
            var extIds = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < contacts.Count; i++)
            {
                Contact? contact = contacts[i];
                string field = $"contacts[{i}]";
                string which = $"Contact {i + 1} of '{subject}'";
                if (contact is null)
                {
                    failures.Add(new ValidationFailure(ValidationErrorKind.InvalidContact, field, $"{which} is null. Remove it or give an email, phone number or ext id."));
                    continue;
                }

                failures.AddRange(ValidateContact(contact, field, which));
                CheckUnique(failures, emails, contact.Email is null ? null : EmailAddressRule.Normalize(contact.Email), i, "email", contact.Email, subject);
                CheckUnique(failures, phones, contact.PhoneNumber is null ? null : PhoneNumberRule.Normalize(contact.PhoneNumber), i, "phone_number", contact.PhoneNumber, subject);
                CheckUnique(failures, extIds, contact.ExtId, i, "ext_id", contact.ExtId, subject);
            }
            return failures;
        }

        /// <summary>The rules of one contact alone: an identifier, a valid email and phone number.</summary>
        public static IReadOnlyList<ValidationFailure> ValidateContact(Contact contact, string field, string which)
        {
            var failures = new List<ValidationFailure>();
            if (contact.Email is null && contact.PhoneNumber is null && contact.ExtId is null)
            {
                failures.Add(new ValidationFailure(ValidationErrorKind.InvalidContact, field,
                    $"{which} has no email, phone_number or ext_id ({field}). Give at least one of them."));
            }

            if (contact.Email != null && !EmailAddressRule.IsValid(contact.Email))
            {
                failures.Add(new ValidationFailure(ValidationErrorKind.InvalidContact, field + ".email",
                    $"{which} has email '{contact.Email}', which is not a valid email address ({field}.email)."));
            }

            if (contact.PhoneNumber != null && !PhoneNumberRule.IsValid(contact.PhoneNumber))
            {
                failures.Add(new ValidationFailure(ValidationErrorKind.InvalidContact, field + ".phone_number",
                    $"{which} has phone number '{contact.PhoneNumber}', which is not a phone number ({field}.phone_number): use digits with an optional leading '+'."));
            }
            return failures;
        }

        private static void CheckUnique(List<ValidationFailure> failures, Dictionary<string, int> seen, string? key, int index, string member, string? shown, string subject)
        {
            if (key is null) return;
            if (seen.TryGetValue(key, out int first))
            {
                failures.Add(new ValidationFailure(ValidationErrorKind.DuplicateContact, $"contacts[{index}].{member}",
                    $"Contacts {first + 1} and {index + 1} of '{subject}' share the {member} '{shown}' (contacts[{index}].{member}). No two contacts may share an email, phone number or ext id: merge them into one contact."));
                return;
            }
            seen.Add(key, index);
        }
    }
}

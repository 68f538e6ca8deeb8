using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;

namespace Alpharun.Commands
{
    /// <summary>Creates a typed contact for -Contact, from parameters or from CSV rows by property name.</summary>
    [Cmdlet(VerbsCommon.New, "AlpharunContact")]
    [OutputType(typeof(Contact))]
    public sealed class NewAlpharunContactCommand : PSCmdlet
    {
        /// <summary>Email address of the contact.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        public string? Email { get; set; }

        /// <summary>Phone number of the contact.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("phone_number", "phone")]
        public string? PhoneNumber { get; set; }

        /// <summary>The contact's id in your own system.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("ext_id")]
        public string? ExtId { get; set; }

        /// <summary>First name.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("first_name")]
        public string? FirstName { get; set; }

        /// <summary>Last name.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("last_name")]
        public string? LastName { get; set; }

        /// <summary>Custom fields as key = value; values are strings, numbers, booleans or $null.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("CustomFields", "custom_fields")]
        public IDictionary? CustomField { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            string target = Email ?? PhoneNumber ?? ExtId ?? "(contact)";
            IEnumerable<CustomField> fields;
            try
            {
                fields = ContactParser.CustomFieldsFrom(ContactArgument.UnwrapDictionary(CustomField));
            }
            catch (ArgumentException e)
            {
                WriteError(AlpharunErrors.InvalidArgument(nameof(ValidationErrorKind.InvalidCustomField), e.Message, CustomField));
                return;
            }

            var contact = new Contact(Email, PhoneNumber, ExtId, FirstName, LastName, fields);
            IReadOnlyList<ValidationFailure> failures = ContactValidator.ValidateContact(contact, "contact", $"The contact {target}");
            if (failures.Count > 0)
            {
                WriteError(AlpharunErrors.FromValidation(new AlpharunValidationException(failures), target));
                return;
            }
            WriteObject(contact);
        }
    }
}

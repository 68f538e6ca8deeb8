using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace Alpharun.Tests
{
    public class ContactValidatorTests
    {
        private static IReadOnlyList<ValidationFailure> Check(params Contact?[] contacts) => ContactValidator.Validate(contacts, "call.wav");

        [Fact]
        public void NoContactsIsMissingContactNamingTheFile()
        {
            ValidationFailure failure = Assert.Single(Check());
            Assert.Equal(ValidationErrorKind.MissingContact, failure.Kind);
            Assert.Equal("contacts", failure.Field);
            Assert.Contains("'call.wav'", failure.Message);
        }

        [Fact]
        public void ContactWithoutEmailPhoneOrExtIdIsInvalid()
        {
            ValidationFailure failure = Assert.Single(Check(new Contact(firstName: "Bob")));
            Assert.Equal(ValidationErrorKind.InvalidContact, failure.Kind);
            Assert.Equal("contacts[0]", failure.Field);
            Assert.Equal("Contact 1 of 'call.wav' has no email, phone_number or ext_id (contacts[0]). Give at least one of them.", failure.Message);
        }

        [Fact]
        public void NullContactIsInvalidAndTheOthersAreStillChecked()
        {
            IReadOnlyList<ValidationFailure> failures = Check(new Contact(email: "bob@client.com"), null, new Contact(firstName: "Li"));
            Assert.Equal(new[]
            {
                (ValidationErrorKind.InvalidContact, "contacts[1]", "Contact 2 of 'call.wav' is null. Remove it or give an email, phone number or ext id."),
                (ValidationErrorKind.InvalidContact, "contacts[2]", "Contact 3 of 'call.wav' has no email, phone_number or ext_id (contacts[2]). Give at least one of them."),
            }, failures.Select(f => (f.Kind, f.Field, f.Message)));
        }

        [Fact]
        public void PhoneNumberMessageSaysWhatAPhoneNumberIs()
        {
            ValidationFailure failure = Assert.Single(Check(new Contact(email: "bob@client.com"), new Contact(phoneNumber: "12")));
            Assert.Equal("Contact 2 of 'call.wav' has phone number '12', which is not a phone number (contacts[1].phone_number): use digits with an optional leading '+'.", failure.Message);
        }

        [Fact]
        public void DuplicateExtIdNamesBothContactsAndTheMember()
        {
            ValidationFailure failure = Assert.Single(Check(new Contact(extId: "crm-1"), new Contact(email: "a@b.io"), new Contact(extId: "crm-1")));
            Assert.Equal("contacts[2].ext_id", failure.Field);
            Assert.Equal("Contacts 1 and 3 of 'call.wav' share the ext_id 'crm-1' (contacts[2].ext_id). No two contacts may share an email, phone number or ext id: merge them into one contact.", failure.Message);
        }

        [Theory]
        [InlineData("bob@client.com")]
        [InlineData("+1 (555) 123-4567")]
        public void ContactWithOneIdentifierIsValid(string identifier)
        {
            Contact contact = identifier.Contains('@') ? new Contact(email: identifier) : new Contact(phoneNumber: identifier);
            Assert.Empty(Check(contact));
        }

        [Fact]
        public void ContactWithOnlyExtIdIsValid() => Assert.Empty(Check(new Contact(extId: "crm-42")));

        [Fact]
        public void MalformedEmailNamesTheField()
        {
            ValidationFailure failure = Assert.Single(Check(new Contact(email: "bob@client.com"), new Contact(email: "bob@@client.com")));
            Assert.Equal("contacts[1].email", failure.Field);
            Assert.Contains("bob@@client.com", failure.Message);
        }

        [Fact]
        public void PhoneNumberWithLettersIsInvalid()
        {
            ValidationFailure failure = Assert.Single(Check(new Contact(phoneNumber: "555-CALL-NOW")));
            Assert.Equal("contacts[0].phone_number", failure.Field);
        }

        [Fact]
        public void EmailsDifferingOnlyInCaseAreDuplicates()
        {
            ValidationFailure failure = Assert.Single(Check(new Contact(email: "Bob@Client.com"), new Contact(email: " bob@client.COM ")));
            Assert.Equal(ValidationErrorKind.DuplicateContact, failure.Kind);
            Assert.Equal("contacts[1].email", failure.Field);
        }

        [Fact]
        public void PhoneNumbersWithTheSameDigitsAreDuplicates()
        {
            ValidationFailure failure = Assert.Single(Check(new Contact(phoneNumber: "+1 555 123 4567"), new Contact(phoneNumber: "+1-555-123-4567")));
            Assert.Equal(ValidationErrorKind.DuplicateContact, failure.Kind);
            Assert.Equal("contacts[1].phone_number", failure.Field);
        }

        [Fact]
        public void ExtIdsAreComparedExactly()
        {
            Assert.Empty(Check(new Contact(extId: "abc"), new Contact(extId: "ABC")));
            Assert.Equal(ValidationErrorKind.DuplicateContact, Assert.Single(Check(new Contact(extId: "abc"), new Contact(extId: "abc"))).Kind);
        }

        [Fact]
        public void BlankValuesCountAsAbsent()
        {
            var contact = new Contact(email: "  ", phoneNumber: "", extId: "x");
            Assert.Null(contact.Email);
            Assert.Null(contact.PhoneNumber);
            Assert.Empty(Check(contact));
        }

        [Fact]
        public void EveryBrokenRuleIsReported()
        {
            IReadOnlyList<ValidationFailure> failures = Check(new Contact(firstName: "A"), new Contact(email: "x@y.io"), new Contact(email: "X@Y.IO"));
            Assert.Equal(new[] { ValidationErrorKind.InvalidContact, ValidationErrorKind.DuplicateContact }, failures.Select(f => f.Kind));
        }
    }
}

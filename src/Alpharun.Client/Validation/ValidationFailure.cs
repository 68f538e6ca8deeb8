namespace Alpharun
{
    /// <summary>One broken rule: which one, the API field it concerns, and a message that says what to do.</summary>
    public sealed class ValidationFailure
    {
        /// <summary>Creates a failure.</summary>
        public ValidationFailure(ValidationErrorKind kind, string field, string message)
        {
            Kind = kind;
            Field = field;
            Message = message;
        }

        /// <summary>The rule broken.</summary>
        public ValidationErrorKind Kind { get; }

        /// <summary>The API field, e.g. <c>contacts[1].email</c>.</summary>
        public string Field { get; }

        /// <summary>The message for a person.</summary>
        public string Message { get; }

        /// <inheritdoc />
        public override string ToString() => Message;
    }
}

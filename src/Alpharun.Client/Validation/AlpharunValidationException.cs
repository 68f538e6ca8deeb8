using System;
using System.Collections.Generic;
using System.Linq;

namespace Alpharun
{
    /// <summary>A request broke one or more of the API's rules; nothing was sent.</summary>
    public sealed class AlpharunValidationException : Exception
    {
        /// <summary>Creates the exception from the failures found (at least one).</summary>
        public AlpharunValidationException(IReadOnlyList<ValidationFailure> failures)
            : base(string.Join(" ", (failures ?? throw new ArgumentNullException(nameof(failures))).Select(f => f.Message)))
        {
            if (failures.Count == 0) throw new ArgumentException("At least one failure is needed.", nameof(failures));
            Failures = failures;
        }

        /// <summary>Every rule broken, in the order checked.</summary>
        public IReadOnlyList<ValidationFailure> Failures { get; }

        /// <summary>The first rule broken; it names the error.</summary>
        public ValidationErrorKind Kind => Failures[0].Kind;
    }
}

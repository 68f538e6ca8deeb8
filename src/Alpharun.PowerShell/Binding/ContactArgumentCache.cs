using System;
using System.Collections.Generic;
using System.Management.Automation;

namespace Alpharun.Commands
{
    /// <summary>
    /// <see cref="ContactArgument.Convert"/> for one command call, done again only when -Contact changed. A -Contact
    /// given on the command line is the same array for every piped file, and CSV rows often repeat the same text.
    /// Only values that cannot change between records are reused: text (compared by value) and Alpharun.Contact objects
    /// (immutable, compared by reference). A hashtable or an object may be edited between records, so -Contact with
    /// one of those is converted every time, as is a value that failed to convert.
    /// </summary>
    internal sealed class ContactArgumentCache
    {
        private object?[]? _values;
        private List<Contact>? _contacts;

        public List<Contact> Convert(object?[] values)
        {
            if (_contacts != null && SameAsLast(values)) return _contacts;
            _values = null;
            _contacts = null;
            List<Contact> contacts = ContactArgument.Convert(values);
            if (Array.TrueForAll(values, IsImmutable))
            {
                _values = (object?[])values.Clone();
                _contacts = contacts;
            }
            return contacts;
        }

        private bool SameAsLast(object?[] values)
        {
            object?[] last = _values!;
            if (last.Length != values.Length) return false;
            for (int i = 0; i < values.Length; i++)
            {
                if (ReferenceEquals(last[i], values[i])) continue;
                // Distinct but equal text (the same column value on two CSV rows) converts to the same contacts.
                if (!(ContactArgument.Unwrap(last[i]) is string before && ContactArgument.Unwrap(values[i]) is string now && string.Equals(before, now, StringComparison.Ordinal))) return false;
            }
            return true;
        }

        // A PSObject's base object never changes, so a wrapped string or Contact is as immutable as the bare one.
        private static bool IsImmutable(object? value)
        {
            object? unwrapped = ContactArgument.Unwrap(value);
            return unwrapped is string || unwrapped is Contact;
        }
    }
}

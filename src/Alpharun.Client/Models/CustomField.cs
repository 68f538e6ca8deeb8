using System;
using System.Globalization;

namespace Alpharun
{
    /// <summary>A key/value pair attached to a contact. Values are a string, a number, a boolean or null.</summary>
    public sealed class CustomField
    {
        /// <summary>Creates a custom field; throws <see cref="InvalidCustomFieldException"/> for a blank key or a value of an unsupported type.</summary>
        public CustomField(string key, object? value)
        {
            if (string.IsNullOrWhiteSpace(key)) throw new InvalidCustomFieldException("A custom field needs a non-empty key.", nameof(key));
            Key = key.Trim();
            Value = Normalize(key, value);
        }

        /// <summary>The field's key.</summary>
        public string Key { get; }

        /// <summary>The value: a string, long, double, decimal, bool, or null.</summary>
        public object? Value { get; }

        /// <inheritdoc />
        public override string ToString() => Key + "=" + (Value switch
        {
            null => "null",
            double d => JsonNumber.Format(d),
            _ => Convert.ToString(Value, CultureInfo.InvariantCulture),
        });

        private static object? Normalize(string key, object? value)
        {
            if (TryNormalize(value, out object? normalized)) return normalized;
            string type = value!.GetType().FullName ?? value.GetType().Name;
            throw new InvalidCustomFieldException(
                $"Custom field '{key}' has a value of type {type}. Custom field values must be a string, a number, a boolean or null.",
                nameof(value));
        }

        // Integral types widen to long, binary floats to double; NaN and infinity have no JSON form.
        private static bool TryNormalize(object? value, out object? normalized)
        {
            normalized = null;
            switch (value)
            {
                case null:
                case DBNull _:
                    return true;
                case string s:
                    normalized = s; return true;
                case bool b:
                    normalized = b; return true;
                case char c:
                    normalized = c.ToString(); return true;
                case byte _: case sbyte _: case short _: case ushort _: case int _: case uint _: case long _:
                    normalized = Convert.ToInt64(value, CultureInfo.InvariantCulture); return true;
                case ulong ul:
                    normalized = ul <= long.MaxValue ? (object)(long)ul : (decimal)ul; return true;
                case float f when !float.IsNaN(f) && !float.IsInfinity(f):
                    normalized = (double)f; return true;
                case double d when !double.IsNaN(d) && !double.IsInfinity(d):
                    normalized = d; return true;
                case decimal m:
                    normalized = m; return true;
                default:
                    return false;
            }
        }
    }
}

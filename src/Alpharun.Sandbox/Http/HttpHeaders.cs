using System;
using System.Collections.Generic;

namespace Alpharun.Sandbox
{
    /// <summary>Request headers by case-insensitive name; a header sent more than once keeps every value.</summary>
    internal sealed class HttpHeaders
    {
        private readonly Dictionary<string, List<string>> _values = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);

        private readonly List<KeyValuePair<string, string>> _ordered = new List<KeyValuePair<string, string>>();

        public int Count { get; private set; }

        /// <summary>Every header as sent, in order.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> All => _ordered;

        public void Add(string name, string value)
        {
            if (!_values.TryGetValue(name, out List<string>? list))
            {
                list = new List<string>();
                _values.Add(name, list);
            }
            list.Add(value);
            _ordered.Add(new KeyValuePair<string, string>(name, value));
            Count++;
        }

        public bool Contains(string name) => _values.ContainsKey(name);

        /// <summary>The values joined with ", " (RFC 9110 section 5.3), or null when absent.</summary>
        public string? Get(string name) => _values.TryGetValue(name, out List<string>? list) ? string.Join(", ", list) : null;

        /// <summary>The comma-separated elements of every value, trimmed, empty ones dropped.</summary>
        public IReadOnlyList<string> GetTokens(string name)
        {
            var tokens = new List<string>();
            if (!_values.TryGetValue(name, out List<string>? list)) return tokens;
            foreach (string value in list)
            {
                foreach (string piece in value.Split(','))
                {
                    string token = piece.Trim(' ', '\t');
                    if (token.Length > 0) tokens.Add(token);
                }
            }
            return tokens;
        }

        public bool HasToken(string name, string token)
        {
            foreach (string t in GetTokens(name))
            {
                if (string.Equals(t, token, StringComparison.OrdinalIgnoreCase)) return true;
            }
            return false;
        }
    }
}

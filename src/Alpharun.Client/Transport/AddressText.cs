using System;
using System.Text.RegularExpressions;

namespace Alpharun
{
    /// <summary>
    /// An address as it may be shown: a user name and password in it (https://user:password@host/) become ***, so that an
    /// address refused for carrying them never prints them.
    /// </summary>
    public static class AddressText
    {
        // scheme:// (or scheme:) then user[:password]@ before the host: what RFC 3986 calls userinfo, or text shaped like it.
        private static readonly Regex UserInfo = new Regex(@"^(?<lead>\s*(?:[A-Za-z][A-Za-z0-9+.\-]*:(?://)?)?)[^/?#@\s]+@", RegexOptions.CultureInvariant);

        /// <summary><paramref name="uri"/> with any user name and password shown as ***.</summary>
        public static string Show(Uri uri)
        {
            if (uri is null) throw new ArgumentNullException(nameof(uri));
            if (uri.IsAbsoluteUri && uri.UserInfo.Length > 0) return uri.Scheme + "://***@" + WithoutUserInfo(uri).AbsoluteUri.Substring(uri.Scheme.Length + 3);
            return Show(uri.OriginalString);
        }

        /// <summary><paramref name="text"/> (an address someone typed) with anything shaped like user:password@ before the host shown as ***.</summary>
        public static string Show(string text)
        {
            if (text is null) throw new ArgumentNullException(nameof(text));
            return UserInfo.Replace(text, m => m.Groups["lead"].Value + "***@");
        }

        /// <summary><paramref name="uri"/> without its user name and password.</summary>
        public static Uri WithoutUserInfo(Uri uri)
        {
            if (uri is null) throw new ArgumentNullException(nameof(uri));
            if (!uri.IsAbsoluteUri || uri.UserInfo.Length == 0) return uri;
            return new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty }.Uri;
        }
    }
}

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using TimeZoneConverter;

namespace Alpharun
{
    /// <summary>
    /// The time zone a recording's local time was written in (a dialer's or CRM's export): an IANA id
    /// (<c>America/New_York</c>), a Windows id (<c>Eastern Standard Time</c>) or <c>Local</c>. Both kinds of id work
    /// on every platform, .NET Framework (which knows Windows ids only) included: TimeZoneConverter maps one to the
    /// other with the CLDR's table. A local time is placed in the zone with the offset the zone had on that date.
    /// </summary>
    public sealed class RecordingTimeZone
    {
        /// <summary>The id that means this computer's own zone.</summary>
        public const string LocalId = "Local";

        // Ids seen in one process: a CSV column repeats a few of them on every row. Bounded against a hostile column.
        private const int MaxRemembered = 256;
        private static readonly ConcurrentDictionary<string, RecordingTimeZone?> Known = new ConcurrentDictionary<string, RecordingTimeZone?>(StringComparer.Ordinal);

        private RecordingTimeZone(string id, TimeZoneInfo info)
        {
            Id = id;
            Info = info;
        }

        /// <summary>The id as given (trimmed), e.g. "Eastern Standard Time"; "Local" for this computer's zone.</summary>
        public string Id { get; }

        /// <summary>The zone's rules on this computer.</summary>
        public TimeZoneInfo Info { get; }

        /// <summary>How messages name the zone: the id given, and for Local the zone it stands for.</summary>
        public string Name => Id == LocalId ? $"{LocalId} ({Info.Id})" : Id;

        /// <summary>This computer's zone.</summary>
        public static RecordingTimeZone Local => new RecordingTimeZone(LocalId, TimeZoneInfo.Local);

        /// <summary>
        /// Finds the zone named <paramref name="id"/>; false with a sentence for a person (the closest known ids) when
        /// there is none.
        /// </summary>
        public static bool TryFind(string? id, out RecordingTimeZone? zone, out string problem)
        {
            string given = (id ?? string.Empty).Trim();
            problem = string.Empty;
            if (given.Length == 0)
            {
                zone = null;
                problem = "it is empty. " + WhatToPass;
                return false;
            }
            if (string.Equals(given, LocalId, StringComparison.OrdinalIgnoreCase))
            {
                // Not remembered: TimeZoneInfo.Local may change (TimeZoneInfo.ClearCachedData).
                zone = Local;
                return true;
            }
            if (!Known.TryGetValue(given, out zone))
            {
                zone = Lookup(given);
                if (Known.Count < MaxRemembered) Known[given] = zone;
            }
            if (zone != null) return true;
            IReadOnlyList<string> close = Suggest(given);
            problem = close.Count == 0
                ? "no time zone has that id. " + WhatToPass
                : $"no time zone has that id; did you mean {string.Join(" or ", close.Select(c => "'" + c + "'"))}? " + WhatToPass;
            return false;
        }

        /// <summary>
        /// Places <paramref name="local"/> (a time of day on a calendar date, its Kind ignored) in this zone; false
        /// with a sentence for a person when the zone skipped that time (the clocks went forward) or had it twice
        /// (they went back), showing the instants it could be.
        /// </summary>
        public bool TryPlace(DateTime local, out DateTimeOffset value, out string problem)
        {
            DateTime wall = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
            problem = string.Empty;
            if (Info.IsInvalidTime(wall))
            {
                value = default;
                problem = $"it does not exist in {Name}: the clocks went forward that night (from UTC{Offset(Info.GetUtcOffset(wall.AddDays(-1)))} to "
                    + $"UTC{Offset(Info.GetUtcOffset(wall.AddDays(1)))}), so no clock there showed it. Check the export; "
                    + "if the time is right, give it with the offset the device used";
                return false;
            }
            if (Info.IsAmbiguousTime(wall))
            {
                // The first time the clocks showed it carries the larger offset (daylight time, before they went back).
                TimeSpan[] offsets = Info.GetAmbiguousTimeOffsets(wall).OrderByDescending(o => o).ToArray();
                value = default;
                problem = $"it happened twice in {Name}: the clocks went back that night, so it is "
                    + string.Join(" or ", offsets.Select((o, i) => RecordedAtFormat.Format(new DateTimeOffset(wall, o)) + (i == 0 ? " (the first time)" : " (the second)")))
                    + ". Give the one you mean with its offset";
                return false;
            }
            value = new DateTimeOffset(wall, Info.GetUtcOffset(wall));
            return true;
        }

        /// <inheritdoc />
        public override string ToString() => Name;

        private const string WhatToPass =
            "Pass an IANA id such as America/New_York, a Windows id such as Eastern Standard Time, or Local for this computer's zone.";

        private static RecordingTimeZone? Lookup(string id)
        {
            try
            {
                // Either kind of id, in any case; TimeZoneConverter maps it to one this computer knows.
                return TZConvert.TryGetTimeZoneInfo(id, out TimeZoneInfo? info) && info != null ? new RecordingTimeZone(id, info) : null;
            }
            catch (Exception e) when (e is TimeZoneNotFoundException || e is InvalidTimeZoneException || e is System.Security.SecurityException || e is ArgumentException)
            {
                return null;
            }
        }

        /// <summary>Up to three known ids close to <paramref name="id"/>: the same letters, the same city, or a typo away.</summary>
        internal static IReadOnlyList<string> Suggest(string id)
        {
            string wanted = Squash(id);
            if (wanted.Length == 0) return Array.Empty<string>();
            var scored = new List<(int Score, string Id)>();
            foreach (string candidate in Candidates())
            {
                string whole = Squash(candidate);
                int slash = candidate.LastIndexOf('/');
                string city = slash < 0 ? whole : Squash(candidate.Substring(slash + 1));
                int score;
                if (whole == wanted || city == wanted) score = 0;
                else if (wanted.Length >= 4 && (whole.StartsWith(wanted, StringComparison.Ordinal) || city.StartsWith(wanted, StringComparison.Ordinal))) score = 1;
                else
                {
                    int limit = Math.Max(1, wanted.Length / 5);
                    int distance = Math.Min(Distance(wanted, whole, limit), Distance(wanted, city, limit));
                    if (distance > limit) continue;
                    score = 1 + distance;
                }
                scored.Add((score, candidate));
            }
            return scored.OrderBy(s => s.Score).ThenBy(s => s.Id.Contains("/") ? 0 : 1).ThenBy(s => s.Id, StringComparer.Ordinal)
                .Select(s => s.Id).Distinct(StringComparer.OrdinalIgnoreCase).Take(3).ToList();
        }

        /// <summary>
        /// The ids to offer (tab completion, suggestions): IANA ids of a region and a city, Windows ids, Local and UTC.
        /// Other ids that work (the old aliases such as US/Eastern, Etc/GMT+5) are not offered.
        /// </summary>
        public static IEnumerable<string> KnownIds() =>
            TZConvert.KnownIanaTimeZoneNames.Where(n => n.IndexOf('/') > 0 && !OldAliasRegions.Any(r => n.StartsWith(r, StringComparison.Ordinal)))
                .OrderBy(n => n, StringComparer.Ordinal)
                .Concat(TZConvert.KnownWindowsTimeZoneIds.OrderBy(n => n, StringComparer.Ordinal))
                .Concat(new[] { LocalId, "UTC" })
                .Distinct(StringComparer.Ordinal); // "UTC" is a Windows id too: offer it once

        // tzdata's "backward" names (US/Eastern, Canada/Pacific...) and the Etc/ fixed offsets: they work, but are not offered.
        private static readonly string[] OldAliasRegions = { "Etc/", "US/", "Canada/", "Brazil/", "Chile/", "Mexico/", "SystemV/" };

        private static IEnumerable<string> Candidates() => KnownIds();

        // Lower case letters and digits: "america/new york", "New_York" and "NewYork" compare equal.
        private static string Squash(string text) =>
            new string(text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

        // Levenshtein distance, or limit + 1 once it is certainly above limit.
        private static int Distance(string a, string b, int limit)
        {
            if (Math.Abs(a.Length - b.Length) > limit) return limit + 1;
            var previous = new int[b.Length + 1];
            var current = new int[b.Length + 1];
            for (int j = 0; j <= b.Length; j++) previous[j] = j;
            for (int i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                int best = current[0];
                for (int j = 1; j <= b.Length; j++)
                {
                    int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                    best = Math.Min(best, current[j]);
                }
                if (best > limit) return limit + 1;
                int[] swap = previous;
                previous = current;
                current = swap;
            }
            return previous[b.Length];
        }

        private static string Offset(TimeSpan offset) =>
            (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString("hh\\:mm", CultureInfo.InvariantCulture);
    }
}

using System;
using System.Globalization;
using System.Linq;
using Xunit;

namespace Alpharun.Tests
{
    /// <summary>Issue 17 in the core: zones by IANA or Windows id, local times placed across DST changes, the forms exports write.</summary>
    public sealed class RecordingTimeZoneTests : IDisposable
    {
        private readonly TempFiles _files = new TempFiles();

        public void Dispose() => _files.Dispose();

        private static RecordingTimeZone Zone(string id)
        {
            Assert.True(RecordingTimeZone.TryFind(id, out RecordingTimeZone? zone, out string problem), problem);
            return zone!;
        }

        private static string Placed(string id, int y, int mo, int d, int h, int mi)
        {
            Assert.True(Zone(id).TryPlace(new DateTime(y, mo, d, h, mi, 0), out DateTimeOffset value, out string problem), problem);
            return RecordedAtFormat.Format(value);
        }

        [Theory]
        [InlineData("America/New_York", "2024-01-15T09:15:00-05:00", "2024-07-15T09:15:00-04:00")]
        [InlineData("Eastern Standard Time", "2024-01-15T09:15:00-05:00", "2024-07-15T09:15:00-04:00")]
        [InlineData("eastern standard time", "2024-01-15T09:15:00-05:00", "2024-07-15T09:15:00-04:00")]
        [InlineData("AUS Eastern Standard Time", "2024-01-15T09:15:00+11:00", "2024-07-15T09:15:00+10:00")]
        [InlineData("Asia/Kolkata", "2024-01-15T09:15:00+05:30", "2024-07-15T09:15:00+05:30")]
        [InlineData("UTC", "2024-01-15T09:15:00+00:00", "2024-07-15T09:15:00+00:00")]
        public void ALocalTimeGetsTheOffsetItsZoneHadThatDay(string id, string winter, string summer)
        {
            Assert.Equal(winter, Placed(id, 2024, 1, 15, 9, 15));
            Assert.Equal(summer, Placed(id, 2024, 7, 15, 9, 15));
        }

        [Theory]
        [InlineData("America/New_York", 2024, 3, 10, "-05:00", "-04:00")]
        [InlineData("AUS Eastern Standard Time", 2024, 10, 6, "+10:00", "+11:00")]
        public void ATimeTheClocksSkippedIsRefusedNamingTheChange(string id, int y, int mo, int d, string before, string after)
        {
            Assert.False(Zone(id).TryPlace(new DateTime(y, mo, d, 2, 30, 0), out _, out string problem));
            Assert.Equal($"it does not exist in {id}: the clocks went forward that night (from UTC{before} to UTC{after}), so no clock there showed it. "
                + "Check the export; if the time is right, give it with the offset the device used", problem);
        }

        [Theory]
        [InlineData("America/New_York", 2024, 11, 3, 1, "2024-11-03T01:30:00-04:00", "2024-11-03T01:30:00-05:00")]
        [InlineData("AUS Eastern Standard Time", 2024, 4, 7, 2, "2024-04-07T02:30:00+11:00", "2024-04-07T02:30:00+10:00")]
        public void ATimeTheClocksShowedTwiceIsRefusedWithBothInstantsTheFirstFirst(string id, int y, int mo, int d, int h, string first, string second)
        {
            Assert.False(Zone(id).TryPlace(new DateTime(y, mo, d, h, 30, 0), out _, out string problem));
            Assert.Equal($"it happened twice in {id}: the clocks went back that night, so it is {first} (the first time) or {second} (the second). Give the one you mean with its offset", problem);
        }

        [Fact]
        public void LocalIsThisComputersZoneAndSaysWhichItIs()
        {
            RecordingTimeZone zone = Zone("LOCAL");
            Assert.Equal(TimeZoneInfo.Local.Id, zone.Info.Id);
            Assert.Equal($"Local ({TimeZoneInfo.Local.Id})", zone.Name);
        }

        [Theory]
        [InlineData("America/New_Yrok", "'America/New_York'")]
        [InlineData("new york", "'America/New_York'")]
        [InlineData("Berlin", "'Europe/Berlin'")]
        [InlineData("W. Europe Standard Tme", "'W. Europe Standard Time'")]
        public void AnUnknownIdNamesTheClosestKnownIdsFirst(string id, string first)
        {
            Assert.False(RecordingTimeZone.TryFind(id, out RecordingTimeZone? zone, out string problem));
            Assert.Null(zone);
            Assert.StartsWith($"no time zone has that id; did you mean {first}", problem);
            Assert.EndsWith("Pass an IANA id such as America/New_York, a Windows id such as Eastern Standard Time, or Local for this computer's zone.", problem);
        }

        [Theory]
        [InlineData("xyzzy")]
        [InlineData("  ")]
        public void AnIdCloseToNothingIsRefusedWithoutSuggestions(string id)
        {
            Assert.False(RecordingTimeZone.TryFind(id, out _, out string problem));
            Assert.DoesNotContain("did you mean", problem);
        }

        [Fact]
        public void TheOfferedIdsHoldBothKindsAndNoOldAliases()
        {
            string[] ids = RecordingTimeZone.KnownIds().ToArray();
            Assert.Contains("America/New_York", ids);
            Assert.Contains("Eastern Standard Time", ids);
            Assert.Contains("Local", ids);
            Assert.DoesNotContain(ids, i => i.StartsWith("US/", StringComparison.Ordinal) || i.StartsWith("Etc/", StringComparison.Ordinal) || i.StartsWith("Canada/", StringComparison.Ordinal));
            Assert.All(ids, i => Assert.True(RecordingTimeZone.TryFind(i, out _, out _), i));
        }

        [Fact]
        public void EachIdOnOfferIsOfferedOnce()
        {
            string[] ids = RecordingTimeZone.KnownIds().ToArray();

            Assert.Empty(ids.GroupBy(i => i, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key));
            Assert.Single(ids, i => i == "UTC");
        }

        [Theory]
        [InlineData("2024-07-15 09:15", "2024-07-15T09:15:00")]
        [InlineData("2024-07-15T09:15:07.250", "2024-07-15T09:15:07.25")]
        [InlineData("2024/7/5 9:05 pm", "2024-07-05T21:05:00")]
        [InlineData("2024-07-15 12:00 PM", "2024-07-15T12:00:00")]
        [InlineData("20240715_091507", "2024-07-15T09:15:07")]
        [InlineData("202407150915", "2024-07-15T09:15:00")]
        public void TheYearFirstFormsExportsWriteAreReadAsALocalTime(string text, string local)
        {
            Assert.True(RecordedAtFormat.TryParseLocal(text, out DateTime value, out string reason), reason);
            Assert.Equal(local, RecordedAtFormat.FormatLocal(value));
            Assert.Equal(DateTimeKind.Unspecified, value.Kind);
        }

        [Theory]
        [InlineData("07/15/2024 09:15", "it is not ISO 8601, and the order of day and month is never inferred. Write it as ISO 8601: 2024-07-15T09:15:00 (15 July 2024)")]
        [InlineData("05.02.2024 09:15", "its day and month could be either way round, and they are never guessed. Write the one you mean as ISO 8601: 2024-05-02T09:15:00 (2 May 2024) or 2024-02-05T09:15:00 (5 February 2024)")]
        [InlineData("2024-07-15", "it has no time of day, and midnight is not assumed. Write the time too, e.g. 2024-07-15T00:00:00 if the call began at midnight")]
        [InlineData("20240715", "it has no time of day, and midnight is not assumed. Write the time too, e.g. 2024-07-15T00:00:00 if the call began at midnight")]
        [InlineData("1721049300", "it looks like Unix time (seconds since 1970), which is not read as a date. Write it as ISO 8601: 2024-07-15T13:15:00Z")]
        [InlineData("1721049300000", "it looks like Unix time (seconds since 1970, with milliseconds), which is not read as a date. Write it as ISO 8601: 2024-07-15T13:15:00Z")]
        [InlineData("09:15", "it has no date, and would become today. Write the date too, e.g. 2024-01-15T14:30:00")]
        [InlineData("2024-02-30 09:15", "there is no such date or time. Write it as ISO 8601, e.g. 2024-01-15T14:30:00")]
        [InlineData("2024-07-15 13:15 PM", "there is no such date or time. Write it as ISO 8601, e.g. 2024-01-15T14:30:00")]
        public void AnythingElseIsRefusedWithTheIsoFormOfWhatWasProbablyMeant(string text, string reason)
        {
            Assert.False(RecordedAtFormat.TryParseLocal(text, out _, out string why));
            Assert.Equal(reason, why);
        }

        [Fact]
        public void ADateTimeIsAnInstantUnlessItsKindIsUnspecified()
        {
            Assert.Equal(new DateTimeOffset(2024, 7, 15, 9, 15, 0, TimeSpan.Zero), RecordedAtValue.FromDateTime(new DateTime(2024, 7, 15, 9, 15, 0, DateTimeKind.Utc)).Instant);
            RecordedAtValue local = RecordedAtValue.FromDateTime(new DateTime(2024, 7, 15, 9, 15, 0));
            Assert.Null(local.Instant);
            Assert.Equal("2024-07-15T09:15:00", local.Given);
        }

        [Fact]
        public void TextWithAnOffsetKeepsItWhateverTheZone()
        {
            RecordedAtValue value = RecordedAtValue.Parse("2024-07-15T09:15:00+09:30");
            Assert.Equal("2024-07-15T09:15:00+09:30", RecordedAtFormat.Format(value.Resolve(Zone("America/New_York"), "x.wav", out ValidationFailure? failure)!.Value));
            Assert.Null(failure);
        }

        [Fact]
        public void ALocalTimeWithoutAZoneIsRefusedNamingTimeZone()
        {
            Assert.Null(RecordedAtValue.Parse("2024-07-15 09:15").Resolve(null, "x.wav", out ValidationFailure? failure));
            Assert.Equal(ValidationErrorKind.InvalidRecordedAt, failure!.Kind);
            Assert.Equal("The recorded_at '2024-07-15 09:15' of 'x.wav' has no offset, so the moment it names depends on the time zone it was written in. "
                + "Pass -TimeZone with that zone (an IANA id such as America/New_York, a Windows id such as Eastern Standard Time, or Local), give the rows a TimeZone column, "
                + "or write it with its offset, e.g. 2024-07-15T09:15:00-05:00.", failure.Message);
        }

        [Fact]
        public void ThePlannerRefusesAFileWhoseTimeCannotBePlacedBeforeReadingIt()
        {
            string file = _files.Create("call.wav");
            var contacts = new[] { new Contact(email: "bob@client.com") };
            var planner = new UploadPlanner();

            UploadPlan skipped = planner.Plan(file, new RecordingFields("ana@acme.com", contacts, RecordedAtValue.Parse("2024-03-10 02:30"), "America/New_York", null));
            UploadPlan unknown = planner.Plan(file, new RecordingFields("ana@acme.com", contacts, RecordedAtValue.Parse("2024-07-15T09:15:00Z"), "Mars/Olympus_Mons", null));
            UploadPlan placed = planner.Plan(file, new RecordingFields("ana@acme.com", contacts, RecordedAtValue.Parse("2024-07-15 09:15"), " Eastern Standard Time ", null));

            Assert.Equal((UploadPlanKind.Invalid, ValidationErrorKind.InvalidRecordedAt), (skipped.Kind, skipped.Failures.Single().Kind));
            Assert.Null(skipped.Request);
            Assert.Contains($"'2024-03-10 02:30' of '{file}'", skipped.Failures.Single().Message);
            Assert.Equal((UploadPlanKind.Invalid, ValidationErrorKind.InvalidTimeZone), (unknown.Kind, unknown.Failures.Single().Kind));
            Assert.StartsWith($"The TimeZone 'Mars/Olympus_Mons' given for '{file}' cannot be used: no time zone has that id", unknown.Failures.Single().Message);
            Assert.Equal(UploadPlanKind.Send, placed.Kind);
            Assert.Equal("2024-07-15T09:15:00-04:00", RecordedAtFormat.Format(placed.Request!.RecordedAt));
            Assert.Equal(RecordedAtSource.Parameter, placed.Request.RecordedAtSource);
        }

        [Fact]
        public void TheFieldsOfAnInstantNeedNoZone()
        {
            var fields = new RecordingFields("ana@acme.com", new[] { new Contact(email: "bob@client.com") }, new DateTimeOffset(2024, 7, 15, 9, 15, 0, TimeSpan.Zero));
            Assert.Empty(fields.ValidateGiven("x.wav"));
            Assert.Null(fields.TimeZone);
            Assert.Equal(new DateTimeOffset(2024, 7, 15, 9, 15, 0, TimeSpan.Zero), fields.RecordedAt);
        }
    }
}

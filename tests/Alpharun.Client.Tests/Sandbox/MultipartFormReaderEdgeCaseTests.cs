using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Alpharun.Sandbox;
using Xunit;

namespace Alpharun.Tests.Sandbox
{
    /// <summary>
    /// The multipart reader on bodies a real client never sends: delimiters at buffer and read edges, transport padding,
    /// bare LF, truncation at every byte, header limits, and the exact error text for each fault.
    /// </summary>
    public sealed class MultipartFormReaderEdgeCaseTests
    {
        private const string B = "sandbox-test-boundary";
        private const string Unterminated = "The body ended after a boundary delimiter, without the closing delimiter '--sandbox-test-boundary--'. The upload is incomplete.";
        private const string OtherText = "A boundary delimiter '--sandbox-test-boundary' is followed by other text on its line. Check that the boundary does not occur inside a part.";
        private const string NoDelimiter = "The body holds no boundary delimiter '--sandbox-test-boundary'. Check the boundary in the Content-Type.";
        private const int BufferSize = 64 * 1024;

        public static IEnumerable<object[]> ChunkSizes => new[] { new object[] { int.MaxValue }, new object[] { 1 }, new object[] { 7 } };

        public static IEnumerable<object[]> BufferEdgeShifts => Enumerable.Range(-3, 31).Select(shift => new object[] { shift });

        [Theory]
        [InlineData(null, "The request has no Content-Type. Send the upload as multipart/form-data with a boundary.")]
        [InlineData("", "The request has no Content-Type. Send the upload as multipart/form-data with a boundary.")]
        [InlineData(" \t", "The request has no Content-Type. Send the upload as multipart/form-data with a boundary.")]
        [InlineData("multipart/form-data; boundary=\"abc", "The Content-Type cannot be parsed: The boundary parameter's quoted string has no closing quote.")]
        [InlineData("text/plain; boundary=x", "The Content-Type is 'text/plain'. Send the upload as multipart/form-data.")]
        [InlineData("multipart/form-data-x; boundary=x", "The Content-Type is 'multipart/form-data-x'. Send the upload as multipart/form-data.")]
        [InlineData("multipart/form-data", "The multipart/form-data Content-Type has no boundary parameter.")]
        [InlineData("multipart/form-data; charset=utf-8", "The multipart/form-data Content-Type has no boundary parameter.")]
        [InlineData("multipart/form-data; boundary=\"\"", "The multipart/form-data Content-Type has no boundary parameter.")]
        [InlineData("multipart/form-data; boundary=", "The multipart/form-data Content-Type has no boundary parameter.")]
        [InlineData("multipart/form-data; boundary=\"ab \"", "The multipart boundary is invalid: it must be 1 to 70 printable ASCII characters, not ending in a space.")]
        [InlineData("multipart/form-data; boundary=\"a\tb\"", "The multipart boundary is invalid: it must be 1 to 70 printable ASCII characters, not ending in a space.")]
        [InlineData("multipart/form-data; boundary=\"a\u001Fb\"", "The multipart boundary is invalid: it must be 1 to 70 printable ASCII characters, not ending in a space.")]
        [InlineData("multipart/form-data; boundary=\"a\u007Fb\"", "The multipart boundary is invalid: it must be 1 to 70 printable ASCII characters, not ending in a space.")]
        [InlineData("multipart/form-data; boundary=caf\u00E9", "The multipart boundary is invalid: it must be 1 to 70 printable ASCII characters, not ending in a space.")]
        public void BoundaryRefusalSaysWhatIsWrong(string? contentType, string message)
        {
            Assert.False(MultipartFormReader.TryGetBoundary(contentType, out string boundary, out string error));

            Assert.Equal((string.Empty, message), (boundary, error));
        }

        [Fact]
        public void BoundaryOf70CharactersIsAcceptedAnd71Refused()
        {
            string seventy = new string('b', MultipartFormReader.MaxBoundaryLength);

            Assert.True(MultipartFormReader.TryGetBoundary("multipart/form-data; boundary=" + seventy, out string boundary, out _));
            Assert.Equal(seventy, boundary);
            Assert.False(MultipartFormReader.TryGetBoundary("multipart/form-data; boundary=" + seventy + "b", out _, out _));
            Assert.Equal(70, MultipartFormReader.MaxBoundaryLength);
        }

        [Theory]
        [InlineData("multipart/form-data; boundary=\" leading space\"", " leading space")]
        [InlineData("multipart/form-data; boundary=\"~!'()+_,-./:=?\"", "~!'()+_,-./:=?")]
        [InlineData("multipart/form-data; boundary=a", "a")]
        [InlineData("  MULTIPART/FORM-DATA ; boundary = x ; boundary=y", "x")]
        public void BoundaryOfPrintableAsciiIsAccepted(string contentType, string expected)
        {
            Assert.True(MultipartFormReader.TryGetBoundary(contentType, out string boundary, out string error));

            Assert.Equal((expected, string.Empty), (boundary, error));
        }

        [Fact]
        public void ReaderRefusesANullBodyAndAnEmptyBoundary()
        {
            ArgumentNullException noBody = Assert.Throws<ArgumentNullException>(() => new MultipartFormReader(null!, B));
            ArgumentException empty = Assert.Throws<ArgumentException>(() => new MultipartFormReader(new MemoryStream(), string.Empty));
            ArgumentException none = Assert.Throws<ArgumentException>(() => new MultipartFormReader(new MemoryStream(), null!));

            Assert.Equal("body", noBody.ParamName);
            Assert.Equal(("boundary", "The boundary is empty. (Parameter 'boundary')"), (empty.ParamName, empty.Message));
            Assert.Equal("boundary", none.ParamName);
        }

        [Theory]
        [MemberData(nameof(ChunkSizes))]
        public async Task EveryTruncationOfTheBodyIsReportedWithTheRightMessage(int chunk)
        {
            string text = $"--{B}\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nxy\r\n--{B}\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\nz\r\n--{B}--";
            int dash = B.Length + 2;
            int headers1 = text.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4;
            int delimiter2 = text.IndexOf("\r\n--" + B, StringComparison.Ordinal) + 2 + dash;
            int headers2 = text.IndexOf("\r\n\r\n", delimiter2, StringComparison.Ordinal) + 4;
            int close = text.LastIndexOf("\r\n--" + B, StringComparison.Ordinal) + 2 + dash;

            for (int length = 0; length < text.Length; length++)
            {
                string expected =
                    length < dash ? NoDelimiter
                    : length < dash + 2 ? Unterminated
                    : length < headers1 ? "The body ended inside the headers of part 1. The upload is incomplete."
                    : length < delimiter2 ? $"The body ended inside part 1, before the closing delimiter '--{B}--'. The upload is incomplete."
                    : length < delimiter2 + 2 ? Unterminated
                    : length < headers2 ? "The body ended inside the headers of part 2. The upload is incomplete."
                    : length < close ? $"The body ended inside part 2, before the closing delimiter '--{B}--'. The upload is incomplete."
                    : Unterminated;

                MultipartFormatException e = await Assert.ThrowsAsync<MultipartFormatException>(() => ReadAllAsync(Ascii(text.Substring(0, length), chunk), B, chunk));

                Assert.True(expected == e.Message, $"Body cut after {length} bytes: expected '{expected}', got '{e.Message}'.");
            }
            var parts = await ReadAllAsync(Ascii(text, chunk), B, chunk);
            Assert.Equal("a=xy|b=z", Render(parts));
        }

        [Theory]
        [MemberData(nameof(ChunkSizes))]
        public async Task CloseDelimiterEndsTheFormWithOrWithoutCrlfPaddingOrEpilogue(int chunk)
        {
            string part = $"--{B}\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n--{B}--";
            foreach (string tail in new[] { string.Empty, "\r\n", "-", " \t\r\n", "junk", $"\r\n--{B}\r\nContent-Disposition: form-data; name=\"ghost\"\r\n\r\ng\r\n--{B}--\r\n" })
            {
                var parts = await ReadAllAsync(Ascii(part + tail, chunk), B, chunk);

                Assert.Equal("a=v", Render(parts));
            }
        }

        [Fact]
        public async Task ReaderKeepsAnsweringNullAfterTheCloseDelimiter()
        {
            var reader = new MultipartFormReader(Ascii($"--{B}\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n--{B}--\r\n"), B);

            MultipartPart? part = await reader.ReadNextPartAsync();

            Assert.Equal("a", part!.Name);
            Assert.Null(await reader.ReadNextPartAsync());
            Assert.Null(await reader.ReadNextPartAsync());
            Assert.Equal(0, await part.Body.ReadAsync(new byte[4], 0, 4));
        }

        [Theory]
        [MemberData(nameof(ChunkSizes))]
        public async Task PreambleIsSkippedUpToTheFirstDelimiterAtALineStart(int chunk)
        {
            string[] preambles =
            {
                "\r\n",
                "preamble\r\n",
                $"mentions --{B} mid-line\r\n",
                $"-{B}\r\n",
                $"\r\n-{B}\r\n\r\n",
            };
            foreach (string preamble in preambles)
            {
                string text = preamble + $"--{B}\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n--{B}--";

                var parts = await ReadAllAsync(Ascii(text, chunk), B, chunk);

                Assert.Equal("a=v", Render(parts));
            }
        }

        [Theory]
        [InlineData("--sandbox-test-boundar")]
        [InlineData("--sandbox-test-boundary")]
        [InlineData("-sandbox-test-boundary\r\n")]
        [InlineData("x--sandbox-test-boundary--")]
        public async Task BodyWithoutACompleteFirstDelimiterIsRefused(string text)
        {
            MultipartFormatException e = await Assert.ThrowsAsync<MultipartFormatException>(() => ReadAllAsync(Ascii(text), B, int.MaxValue));

            Assert.Equal(text == "--" + B ? Unterminated : NoDelimiter, e.Message);
        }

        [Theory]
        [InlineData(" ", 1)]
        [InlineData(" \t \t", 1)]
        [InlineData(" ", 7)]
        [InlineData("\t", int.MaxValue)]
        public async Task TransportPaddingOfUpTo256SpacesAndTabsIsAllowed(string unit, int chunk)
        {
            string padding = string.Concat(Enumerable.Repeat(unit, 256 / unit.Length));
            string text = $"--{B}{padding}\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\none\r\n--{B}{padding}\r\n" +
                          $"Content-Disposition: form-data; name=\"b\"\r\n\r\ntwo\r\n--{B}--";

            var parts = await ReadAllAsync(Ascii(text, chunk), B, chunk);

            Assert.Equal(256, padding.Length);
            Assert.Equal("a=one|b=two", Render(parts));
        }

        [Theory]
        [InlineData(int.MaxValue)]
        [InlineData(1)]
        public async Task TransportPaddingOver256IsRefused(int chunk)
        {
            string text = $"--{B}{new string(' ', 257)}\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\none\r\n--{B}--";

            MultipartFormatException e = await Assert.ThrowsAsync<MultipartFormatException>(() => ReadAllAsync(Ascii(text, chunk), B, chunk));

            Assert.Equal(OtherText, e.Message);
        }

        [Theory]
        [MemberData(nameof(ChunkSizes))]
        public async Task BareLineFeedsEndTheDelimiterLineAndHeaderLines(int chunk)
        {
            string text = $"--{B}\nContent-Disposition: form-data; name=\"a\"\nContent-Type: text/plain\n\none\r\n--{B} \n" +
                          $"Content-Disposition: form-data; name=\"b\"\r\n\ntwo\r\n--{B}--";

            var parts = await ReadAllAsync(Ascii(text, chunk), B, chunk);

            Assert.Equal("a=one|b=two", Render(parts));
            Assert.Equal("text/plain", parts[0].ContentType);
        }

        [Theory]
        [InlineData("X", int.MaxValue)]
        [InlineData("X", 1)]
        [InlineData(" X", 1)]
        [InlineData(" X", int.MaxValue)]
        [InlineData("\rX", 1)]
        [InlineData("\r\r\n", int.MaxValue)]
        [InlineData("-X", int.MaxValue)]
        [InlineData("-X", 1)]
        [InlineData(" --\r\n", int.MaxValue)]
        public async Task DelimiterFollowedByOtherTextOnItsLineIsRefused(string after, int chunk)
        {
            string text = $"--{B}\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n--{B}{after}\r\n\r\n--{B}--";

            MultipartFormatException e = await Assert.ThrowsAsync<MultipartFormatException>(() => ReadAllAsync(Ascii(text, chunk), B, chunk));

            Assert.Equal(OtherText, e.Message);
        }

        [Theory]
        [InlineData("", int.MaxValue)]
        [InlineData("-", int.MaxValue)]
        [InlineData("-", 1)]
        [InlineData("\r", int.MaxValue)]
        [InlineData("\r", 1)]
        [InlineData("  \t", int.MaxValue)]
        [InlineData("  \t", 1)]
        [InlineData("  \t\r", 1)]
        public async Task BodyEndingRightAfterADelimiterIsIncomplete(string after, int chunk)
        {
            string text = $"--{B}\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n--{B}{after}";

            MultipartFormatException e = await Assert.ThrowsAsync<MultipartFormatException>(() => ReadAllAsync(Ascii(text, chunk), B, chunk));

            Assert.Equal(Unterminated, e.Message);
        }

        [Theory]
        [InlineData(int.MaxValue)]
        [InlineData(1)]
        public async Task BodyEndingAfterADelimiterAndBareLineFeedEndsInsideTheNextHeaders(int chunk)
        {
            string text = $"--{B}\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n--{B}\n";

            MultipartFormatException e = await Assert.ThrowsAsync<MultipartFormatException>(() => ReadAllAsync(Ascii(text, chunk), B, chunk));

            Assert.Equal("The body ended inside the headers of part 2. The upload is incomplete.", e.Message);
        }

        [Theory]
        [InlineData("X")]
        [InlineData(" not the end")]
        [InlineData("-x")]
        public async Task BoundaryLikeLineInsideAPartIsRefused(string after)
        {
            byte[] data = Encoding.ASCII.GetBytes($"before\r\n--{B}{after}\r\nafter");
            byte[] body = new FormBuilder(B).Part("Content-Disposition: form-data; name=\"a\"\r\n", data).Build();

            MultipartFormatException e = await Assert.ThrowsAsync<MultipartFormatException>(() => ReadAllAsync(new ChunkedStream(body, 3), B, 3));

            Assert.Equal(OtherText, e.Message);
        }

        [Theory]
        [InlineData("\r\n--sandbox-test-boundar\r\n")]
        [InlineData("\n--sandbox-test-boundary\r\n")]
        [InlineData("\r--sandbox-test-boundary\r\n")]
        [InlineData("\r\n-sandbox-test-boundary\r\n")]
        [InlineData("--sandbox-test-boundary\r\n")]
        [InlineData("\r\n\r\n\r\r\n-\r\n--\r\n")]
        public async Task TextThatIsNotADelimiterIsPartData(string inside)
        {
            byte[] data = Encoding.ASCII.GetBytes("a" + inside + "z");
            byte[] body = new FormBuilder(B).Part("Content-Disposition: form-data; name=\"a\"\r\n", data).Field("b", "2").Build();

            foreach (int chunk in new[] { int.MaxValue, 1, 2, 5 })
            {
                var parts = await ReadAllAsync(new ChunkedStream(body, chunk), B, chunk);

                Assert.Equal(data, parts[0].Body);
                Assert.Equal("a=|b=2", string.Join("|", parts.Select(p => p.Name + "=" + (p.Name == "a" ? string.Empty : Encoding.ASCII.GetString(p.Body)))));
            }
        }

        [Theory]
        [MemberData(nameof(BufferEdgeShifts))]
        public async Task DelimiterStraddlingTheReadBufferEdgeIsFound(int shift)
        {
            // The first read fills the 64 KiB buffer; the delimiter that ends part 1 starts `shift` bytes before its end.
            string head = $"--{B}\r\nContent-Disposition: form-data; name=\"audio\"; filename=\"a.wav\"\r\n\r\n";
            string almost = "\r\n--sandbox-test";
            byte[] data = FormBuilder.Audio(BufferSize - head.Length - shift - almost.Length, shift + 100).Concat(Encoding.ASCII.GetBytes(almost)).ToArray();
            byte[] body = new FormBuilder(B).Part("Content-Disposition: form-data; name=\"audio\"; filename=\"a.wav\"\r\n", data).Field("b", "2").Build();
            Assert.Equal(BufferSize - shift, head.Length + data.Length);

            var parts = await ReadAllAsync(new ChunkedStream(body), B, 4096);

            Assert.Equal(2, parts.Count);
            Assert.Equal(data, parts[0].Body);
            Assert.Equal(("a.wav", "b", "2"), (parts[0].FileName, parts[1].Name, Encoding.ASCII.GetString(parts[1].Body)));
        }

        [Theory]
        [InlineData(int.MaxValue, 1)]
        [InlineData(1, 1)]
        [InlineData(int.MaxValue, 3)]
        [InlineData(7, 1000)]
        [InlineData(65535, 65536)]
        public async Task PartLargerThanTheBufferIsReadWhateverTheReadSizes(int chunk, int readSize)
        {
            byte[] data = FormBuilder.Audio(3 * BufferSize + 17, readSize);
            byte[] body = new FormBuilder(B).File("audio", "big.wav", data).Field("b", "2").Build();

            var parts = await ReadAllAsync(new ChunkedStream(body, chunk), B, readSize);

            Assert.Equal(data, parts[0].Body);
            Assert.Equal("audio=|b=2", string.Join("|", parts.Select(p => p.Name + "=" + (p.Name == "b" ? Encoding.ASCII.GetString(p.Body) : string.Empty))));
        }

        [Fact]
        public async Task HeadersAreCaseInsensitiveTrimmedFoldedAndTheFirstOfADuplicateWins()
        {
            string headers = "content-disposition: form-data; name=\"a\"\r\nX-Folded:  one\r\n \t two \r\n\tthree\r\nX-Dup: first\r\nx-dup: second\r\n" +
                             "Content-Type \t:  text/plain \t\r\nX-Empty:\r\n";
            byte[] body = new FormBuilder(B).Part(headers, Encoding.ASCII.GetBytes("v")).Build();

            var reader = new MultipartFormReader(new ChunkedStream(body, 5), B);
            MultipartPart part = (await reader.ReadNextPartAsync())!;

            Assert.Equal(("a", "text/plain"), (part.Name, part.ContentType));
            Assert.Equal(
                "content-disposition=form-data; name=\"a\"|X-Folded=one two three|X-Dup=first|Content-Type=text/plain|X-Empty=",
                string.Join("|", part.Headers.Select(h => h.Key + "=" + h.Value)));
            Assert.Equal("first", part.Headers["X-DUP"]);
            Assert.Equal("one two three", part.Headers["x-folded"]);
        }

        [Fact]
        public async Task HeaderBytesThatAreNotUtf8BecomeReplacementCharacters()
        {
            byte[] body = Encoding.ASCII.GetBytes($"--{B}\r\nContent-Disposition: form-data; name=\"a\"\r\nX-Bad: a")
                .Concat(new byte[] { 0xFF, (byte)'b', 0xC3 })
                .Concat(Encoding.ASCII.GetBytes($"\r\n\r\nv\r\n--{B}--")).ToArray();

            var reader = new MultipartFormReader(new ChunkedStream(body), B);
            MultipartPart part = (await reader.ReadNextPartAsync())!;

            Assert.Equal("a\uFFFDb\uFFFD", part.Headers["X-Bad"]);
        }

        [Theory]
        [InlineData("Content-Type: text/plain\r\n", "Part 2 of the form has no Content-Disposition header.")]
        [InlineData("Content-Disposition: form-data; name=\"b\r\n", "The Content-Disposition of part 2 cannot be parsed: The name parameter's quoted string has no closing quote.")]
        [InlineData("Content-Disposition: form-data; filename=\"b\"\r\n", "Part 2 of the form has no name in its Content-Disposition.")]
        [InlineData("Content-Disposition: form-data; name=\"\"\r\n", "Part 2 of the form has no name in its Content-Disposition.")]
        [InlineData("Content-Disposition: form-data; name\r\n", "Part 2 of the form has no name in its Content-Disposition.")]
        [InlineData("Content-Disposition: form-data; name=\"b\"\r\nno colon\r\n", "A header line of part 2 is not 'Name: value'.")]
        [InlineData("Content-Disposition: form-data; name=\"b\"\r\n: no name\r\n", "A header line of part 2 is not 'Name: value'.")]
        [InlineData("\tfolded first line\r\n", "A header line of part 2 is not 'Name: value'.")]
        [InlineData(" Content-Disposition without colon\r\n", "A header line of part 2 is not 'Name: value'.")]
        public async Task FaultInTheSecondPartNamesPart2(string headerLines, string message)
        {
            byte[] body = new FormBuilder(B).Field("a", "1").Part(headerLines, Encoding.ASCII.GetBytes("x")).Build();

            MultipartFormatException e = await Assert.ThrowsAsync<MultipartFormatException>(() => ReadAllAsync(new ChunkedStream(body), B, 100));

            Assert.Equal(message, e.Message);
        }

        [Theory]
        [InlineData(31, null)]
        [InlineData(32, "Part 1 has more than 32 headers.")]
        [InlineData(40, "Part 1 has more than 32 headers.")]
        public async Task PartWithMoreThan32HeadersIsRefused(int extraHeaders, string? message)
        {
            string headers = "Content-Disposition: form-data; name=\"a\"\r\n" + string.Concat(Enumerable.Range(1, extraHeaders).Select(i => $"X-H{i}: {i}\r\n"));
            byte[] body = new FormBuilder(B).Part(headers, Encoding.ASCII.GetBytes("v")).Build();

            var reader = new MultipartFormReader(new ChunkedStream(body), B);
            if (message is null)
            {
                MultipartPart part = (await reader.ReadNextPartAsync())!;
                Assert.Equal((32, "31"), (part.Headers.Count, part.Headers["X-H31"]));
            }
            else
            {
                MultipartFormatException e = await Assert.ThrowsAsync<MultipartFormatException>(() => reader.ReadNextPartAsync());
                Assert.Equal(message, e.Message);
            }
        }

        [Theory]
        [InlineData(16340, true)]
        [InlineData(16341, false)]
        [InlineData(16342, false)]
        public async Task HeaderBlockUpTo16KiBIncludingLineEndsIsAccepted(int fillerLength, bool accepted)
        {
            // "Content-Disposition: form-data; name="a"" is 40 characters; with the filler line and their CRLFs the
            // block is 40 + 2 + fillerLength + 2 bytes, 16384 at most.
            string disposition = "Content-Disposition: form-data; name=\"a\"";
            string filler = "X-Fill: " + new string('f', fillerLength - 8);
            byte[] body = new FormBuilder(B).Part(disposition + "\r\n" + filler + "\r\n", Encoding.ASCII.GetBytes("v")).Build();

            Func<Task<List<Part>>> read = () => ReadAllAsync(new ChunkedStream(body), B, 100);

            Assert.Equal(40, disposition.Length);
            if (accepted)
            {
                Assert.Equal(filler, (await read())[0].Headers["X-Fill"].Insert(0, "X-Fill: "));
            }
            else
            {
                Assert.Equal("The headers of part 1 are larger than 16 KiB.", (await Assert.ThrowsAsync<MultipartFormatException>(read)).Message);
            }
        }

        [Theory]
        [InlineData(16382, true)]
        [InlineData(16383, false)]
        public async Task SingleHeaderLineUpTo16KiBIncludingLineEndsIsAccepted(int lineLength, bool accepted)
        {
            string line = "Content-Disposition: form-data; name=\"a\"; x=" + new string('x', lineLength - 44);
            byte[] body = new FormBuilder(B).Part(line + "\r\n", Encoding.ASCII.GetBytes("v")).Build();

            Func<Task<List<Part>>> read = () => ReadAllAsync(new ChunkedStream(body), B, 100);

            Assert.Equal(lineLength, line.Length);
            if (accepted)
            {
                Assert.Equal("a=v", Render(await read()));
            }
            else
            {
                Assert.Equal("The headers of part 1 are larger than 16 KiB.", (await Assert.ThrowsAsync<MultipartFormatException>(read)).Message);
            }
        }

        [Theory]
        [InlineData(16384, "The body ended inside the headers of part 1. The upload is incomplete.")]
        [InlineData(16385, "The headers of part 1 are larger than 16 KiB.")]
        public async Task HeaderBytesWithoutALineEndAreMeasuredAgainstTheLimit(int count, string message)
        {
            byte[] body = Encoding.ASCII.GetBytes($"--{B}\r\n" + new string('h', count));

            MultipartFormatException e = await Assert.ThrowsAsync<MultipartFormatException>(() => ReadAllAsync(new ChunkedStream(body), B, 100));

            Assert.Equal(message, e.Message);
        }

        [Theory]
        [InlineData(int.MaxValue)]
        [InlineData(100)]
        [InlineData(1)]
        public async Task AHeaderBlockOfExactly16KiBIsAcceptedHoweverTheBodyArrives(int chunk)
        {
            // One line of 16382 characters and its CRLF fill the budget; the blank line's CR may arrive alone.
            string line = "Content-Disposition: form-data; name=\"a\"; x=" + new string('x', 16382 - 44);
            byte[] body = new FormBuilder(B).Part(line + "\r\n", Encoding.ASCII.GetBytes("v")).Build();

            Assert.Equal("a=v", Render(await ReadAllAsync(new ChunkedStream(body, chunk), B, 100)));
        }

        [Theory]
        [InlineData(int.MaxValue)]
        [InlineData(1)]
        public async Task TheHeaderLimitCountsBytesNotCharacters(int chunk)
        {
            // Two lines of 3300 euro signs are 6600 characters but 19800 bytes of UTF-8.
            string euros = new string('\u20AC', 3300);
            string headers = "Content-Disposition: form-data; name=\"a\"\r\nX-A: " + euros + "\r\nX-B: " + euros + "\r\n";
            byte[] body = new FormBuilder(B).Part(headers, Encoding.ASCII.GetBytes("v")).Build();

            MultipartFormatException e = await Assert.ThrowsAsync<MultipartFormatException>(() => ReadAllAsync(new ChunkedStream(body, chunk), B, 100));

            Assert.True(headers.Length < 16 * 1024);
            Assert.Equal("The headers of part 1 are larger than 16 KiB.", e.Message);
        }

        [Fact]
        public async Task ManyHeaderLinesShareOneBudget()
        {
            // 16 lines of 1022 characters plus CRLF: each alone is far under the limit, together they pass 16 KiB.
            string lines = string.Concat(Enumerable.Range(10, 16).Select(i => $"X-H{i}: " + new string('h', 1022 - 7) + "\r\n"));
            byte[] body = new FormBuilder(B).Part("Content-Disposition: form-data; name=\"a\"\r\n" + lines, Encoding.ASCII.GetBytes("v")).Build();
            byte[] fewer = new FormBuilder(B).Part("Content-Disposition: form-data; name=\"a\"\r\n" + lines.Substring(1024), Encoding.ASCII.GetBytes("v")).Build();

            MultipartFormatException e = await Assert.ThrowsAsync<MultipartFormatException>(() => ReadAllAsync(new ChunkedStream(body), B, 100));

            Assert.Equal("The headers of part 1 are larger than 16 KiB.", e.Message);
            Assert.Equal("a=v", Render(await ReadAllAsync(new ChunkedStream(fewer), B, 100)));
        }

        [Theory]
        [InlineData("form-data; name=a; filename*=x-unknown''a.wav", null)]
        [InlineData("form-data; name=a; filename*=UTF-8''%E2%82%AC.wav", "€.wav")]
        [InlineData("form-data; name=a; filename=\"\"", "")]
        [InlineData("form-data; name=a; filename*=UTF-8''; filename=plain.wav", "")]
        [InlineData("form-data; NAME=a; FILENAME=\"upper.wav\"", "upper.wav")]
        public async Task FileNameComesFromFileNameStarWhenDecodableElseFileName(string disposition, string? fileName)
        {
            byte[] body = new FormBuilder(B).Part($"Content-Disposition: {disposition}\r\n", new byte[] { 1 }).Build();

            var parts = await ReadAllAsync(new ChunkedStream(body), B, 100);

            Assert.Equal(("a", fileName, (string?)null), (parts[0].Name, parts[0].FileName, parts[0].ContentType));
        }

        [Fact]
        public async Task ZeroByteReadOfAPartReturnsZeroAndLeavesTheBodyInPlace()
        {
            byte[] body = new FormBuilder(B).Field("a", "value").Field("b", "2").Build();
            var reader = new MultipartFormReader(new ChunkedStream(body, 1), B);

            MultipartPart first = (await reader.ReadNextPartAsync())!;
            int zero = await first.Body.ReadAsync(new byte[8], 0, 0);
            string value = await new StreamReader(first.Body).ReadToEndAsync();
            MultipartPart second = (await reader.ReadNextPartAsync())!;

            Assert.Equal((0, "value", "b"), (zero, value, second.Name));
            Assert.Equal("2", await new StreamReader(second.Body).ReadToEndAsync());
        }

        [Fact]
        public async Task FinishedPartReadsNothingMoreNeitherNextHeadersNorEpilogue()
        {
            byte[] body = Encoding.ASCII.GetBytes($"--{B}\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\none\r\n--{B}\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\ntwo\r\n--{B}--\r\nEPILOGUE");
            var reader = new MultipartFormReader(new MemoryStream(body), B);
            var buffer = new byte[100];

            MultipartPart first = (await reader.ReadNextPartAsync())!;
            Assert.Equal("one", await new StreamReader(first.Body).ReadToEndAsync());
            Assert.Equal(0, await first.Body.ReadAsync(buffer, 0, buffer.Length));
            Assert.Equal(0, first.Body.Read(buffer, 0, buffer.Length));

            MultipartPart second = (await reader.ReadNextPartAsync())!;
            Assert.Equal("b", second.Name);
            Assert.Equal(3, second.Body.Read(buffer, 0, buffer.Length));
            Assert.Equal("two", Encoding.ASCII.GetString(buffer, 0, 3));
            Assert.Equal(0, second.Body.Read(buffer, 0, buffer.Length));
            Assert.Equal(0, await second.Body.ReadAsync(buffer, 0, buffer.Length));
            Assert.Null(await reader.ReadNextPartAsync());
        }

        [Fact]
        public async Task PartBodyIsAReadOnlyForwardStream()
        {
            var reader = new MultipartFormReader(new ChunkedStream(new FormBuilder(B).Field("a", "v").Build()), B);
            Stream body = (await reader.ReadNextPartAsync())!.Body;

            Assert.Equal((true, false, false), (body.CanRead, body.CanSeek, body.CanWrite));
            Assert.Throws<NotSupportedException>(() => body.Length);
            Assert.Throws<NotSupportedException>(() => body.Position);
            Assert.Throws<NotSupportedException>(() => body.Position = 0);
            Assert.Throws<NotSupportedException>(() => body.Seek(0, SeekOrigin.Begin));
            Assert.Throws<NotSupportedException>(() => body.SetLength(0));
            Assert.Throws<NotSupportedException>(() => body.Write(new byte[1], 0, 1));
            body.Flush();
            Assert.Equal("v", new StreamReader(body).ReadToEnd());
        }

        [Fact]
        public async Task BoundaryWithSpacesAndPunctuationIsMatchedExactly()
        {
            const string odd = "a'()+_,-./:=? z";
            string text = $"--{odd}\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--{odd.Replace('z', 'y')}\r\n--{odd}--";

            var parts = await ReadAllAsync(Ascii(text, 1), odd, 1);

            Assert.Equal($"a=x\r\n--{odd.Replace('z', 'y')}", Render(parts));
        }

        private static ChunkedStream Ascii(string text) => new ChunkedStream(Encoding.ASCII.GetBytes(text));

        private static async Task<List<Part>> ReadAllAsync(Stream body, string boundary, int readSize)
        {
            var reader = new MultipartFormReader(body, boundary);
            var parts = new List<Part>();
            byte[] buffer = new byte[Math.Min(readSize, 70_000)];
            for (MultipartPart? part = await reader.ReadNextPartAsync(); part != null; part = await reader.ReadNextPartAsync())
            {
                var copy = new MemoryStream();
                for (int n; (n = await part.Body.ReadAsync(buffer, 0, buffer.Length)) > 0;) copy.Write(buffer, 0, n);
                parts.Add(new Part(part.Name, part.FileName, part.ContentType, part.Headers, copy.ToArray()));
            }
            return parts;
        }

        private static ChunkedStream Ascii(string text, int chunk) => new ChunkedStream(Encoding.ASCII.GetBytes(text), chunk);

        private static string Render(List<Part> parts) => string.Join("|", parts.Select(p => p.Name + "=" + Encoding.ASCII.GetString(p.Body)));

        private sealed record Part(string Name, string? FileName, string? ContentType, IReadOnlyDictionary<string, string> Headers, byte[] Body);
    }
}

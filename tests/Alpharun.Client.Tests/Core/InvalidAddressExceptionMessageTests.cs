using Xunit;

namespace Alpharun.Tests
{
    /// <summary>The message is shown to users as is: ArgumentException's " (Parameter '...')" suffix is dropped.</summary>
    public class InvalidAddressExceptionMessageTests
    {
        [Fact]
        public void TheMessageIsTheTextAloneWithTheParameterStillNamed()
        {
            var e = new InvalidAddressException("InvalidBaseUri", "The base URI is wrong.", "baseUri");

            Assert.Equal("The base URI is wrong.", e.Message);
            Assert.Equal("baseUri", e.ParamName);
            Assert.Equal("InvalidBaseUri", e.ErrorId);
        }

        [Fact]
        public void WithoutAParameterTheMessageIsKeptWhole()
        {
            var e = new InvalidAddressException("InvalidProxy", "Bad.");

            Assert.Equal("Bad.", e.Message);
            Assert.Null(e.ParamName);
            Assert.Equal("InvalidProxy", e.ErrorId);
        }

        [Fact]
        public void WithoutAParameterATextEndingLikeTheSuffixIsKeptWhole()
        {
            // Only the suffix ArgumentException itself appended, for the parameter it names, is cut.
            var e = new InvalidAddressException("InvalidProxy", "The proxy is wrong (Parameter '')");

            Assert.Equal("The proxy is wrong (Parameter '')", e.Message);
        }

        [Fact]
        public void AnEmptyMessageStaysEmpty()
        {
            var e = new InvalidAddressException("InvalidProxy", string.Empty);

            Assert.Equal(string.Empty, e.Message);
        }
    }
}

using Xunit;

namespace Alpharun.Tests
{
    /// <summary>What a masked copy of an exception shows: the original type's name and the masked messages of its chain, no stack trace.</summary>
    public class MaskedExceptionTests
    {
        [Fact]
        public void AMaskedExceptionAloneShowsItsOriginalTypeAndMessage()
        {
            var masked = new MaskedException("System.IO.IOException", "Unable to read data: ***", null);

            Assert.Equal("System.IO.IOException: Unable to read data: ***", masked.ToString());
        }

        [Fact]
        public void AMaskedExceptionWithAnInnerOneShowsBothJoinedByAnArrow()
        {
            var masked = new MaskedException("System.Net.Http.HttpRequestException", "An error occurred while sending the request.",
                new MaskedException("System.IO.IOException", "Unable to read data: ***", null));

            Assert.Equal("System.Net.Http.HttpRequestException: An error occurred while sending the request. ---> System.IO.IOException: Unable to read data: ***", masked.ToString());
            Assert.Equal("System.Net.Http.HttpRequestException", masked.OriginalType);
        }
    }
}

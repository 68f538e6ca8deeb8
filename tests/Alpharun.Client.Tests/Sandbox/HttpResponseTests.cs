using System;
using System.Text;
using Alpharun.Sandbox;
using Xunit;

namespace Alpharun.Tests.Sandbox
{
    /// <summary>The sandbox's answers before they are written: JSON bodies, defaults, the dropped-connection marker.</summary>
    public sealed class HttpResponseTests
    {
        [Fact]
        public void ErrorBodyIsAMessageObject()
        {
            HttpResponse response = HttpResponse.Error(413, "Too big.");

            Assert.Equal(413, response.StatusCode);
            Assert.Equal("{\"message\":\"Too big.\"}", Encoding.UTF8.GetString(response.Body));
            Assert.Equal("application/json; charset=utf-8", response.ContentType);
            Assert.Empty(response.Headers);
            Assert.False(response.CloseConnection);
            Assert.Null(response.Delay);
            Assert.False(response.DropConnection);
        }

        [Fact]
        public void ErrorBodyNamesTheFieldWhenGiven()
        {
            HttpResponse response = HttpResponse.Error(422, "Bad date.", "recorded_at");

            Assert.Equal("{\"message\":\"Bad date.\",\"field\":\"recorded_at\"}", Encoding.UTF8.GetString(response.Body));
        }

        [Fact]
        public void RecordingBodyCarriesTheId()
        {
            var id = new Guid("0f8fad5b-d9cb-469f-a165-70867728950e");

            HttpResponse response = HttpResponse.Recording(201, id);

            Assert.Equal(201, response.StatusCode);
            Assert.Equal("{\"data\":{\"recording\":{\"id\":\"0f8fad5b-d9cb-469f-a165-70867728950e\"}}}", Encoding.UTF8.GetString(response.Body));
        }

        [Fact]
        public void DroppedResponseHasNothingToWrite()
        {
            HttpResponse response = HttpResponse.Dropped();

            Assert.True(response.DropConnection);
            Assert.Equal(0, response.StatusCode);
            Assert.Empty(response.Body);
        }
    }
}

using System;
using System.Threading.Tasks;
using Alpharun;

namespace Alpharun.ClientExample
{
    /// <summary>usage: Alpharun.ClientExample &lt;folder&gt; &lt;teammate&gt; &lt;contact email&gt; (key in ALPHARUN_API_KEY, optional ALPHARUN_BASE_URI)</summary>
    public static class Program
    {
        public static async Task<int> Main(string[] args)
        {
            string? key = Environment.GetEnvironmentVariable("ALPHARUN_API_KEY");
            if (args.Length != 3 || string.IsNullOrWhiteSpace(key))
            {
                Console.Error.WriteLine("usage: Alpharun.ClientExample <folder> <teammate> <contact email>, with the key in ALPHARUN_API_KEY");
                return 2;
            }
            string? baseUri = Environment.GetEnvironmentVariable("ALPHARUN_BASE_URI");
            var connection = new AlpharunConnection(ApiKey.FromPlainText(key), string.IsNullOrWhiteSpace(baseUri) ? null : new Uri(baseUri));
            var uploads = await UploadFolder.RunAsync(connection, args[0], args[1], args[2]);
            return uploads.Count > 0 ? 0 : 1;
        }
    }
}

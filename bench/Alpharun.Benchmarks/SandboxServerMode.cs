using System;
using System.Linq;
using Alpharun.Sandbox;

namespace Alpharun.Benchmarks
{
    /// <summary>
    /// The "server" role: the module's sandbox API in a process of its own, so no client shares a process (or a
    /// GC heap) with it. It prints its base URI, then serves until the harness says "stop" or closes stdin.
    /// </summary>
    internal static class SandboxServerMode
    {
        public const string Name = "server";
        public const string ApiKeyText = "bench-key";
        public const string ReadyPrefix = "BENCH-SERVER ";
        public const string CountPrefix = "BENCH-COUNT ";

        public static int Run()
        {
            using SandboxServer server = SandboxServer.Start(new SandboxOptions { Port = 0, ApiKey = ApiKey.FromPlainText(ApiKeyText) });
            Console.Out.WriteLine(ReadyPrefix + server.BaseUri.AbsoluteUri);
            Console.Out.Flush();

            // Closing stdin ends the server too, so it can never outlive a harness that died.
            string? command;
            while ((command = Console.In.ReadLine()) != null && command != "stop")
            {
                if (command != "count") continue;
                var recordings = server.GetRecordings();
                int created = recordings.Count(r => r.HttpStatus == 201);
                Console.Out.WriteLine($"{CountPrefix}{created} {recordings.Count - created}");
                Console.Out.Flush();
            }
            return 0;
        }
    }
}

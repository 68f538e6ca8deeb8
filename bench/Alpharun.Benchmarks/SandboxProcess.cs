using System;
using System.Diagnostics;
using System.Globalization;

namespace Alpharun.Benchmarks
{
    /// <summary>The sandbox server running as a child process ("server" role); every client of every scenario uploads to it.</summary>
    internal sealed class SandboxProcess : IDisposable
    {
        private readonly Process _process;

        private SandboxProcess(Process process, Uri baseUri)
        {
            _process = process;
            BaseUri = baseUri;
        }

        public Uri BaseUri { get; }

        public int ProcessId => _process.Id;

        public static SandboxProcess Start()
        {
            Process process = Process.Start(Launcher.Self(new[] { SandboxServerMode.Name }))
                ?? throw new InvalidOperationException("The sandbox server process did not start.");
            process.ErrorDataReceived += (_, e) => { if (e.Data != null) Console.Error.WriteLine("[server] " + e.Data); };
            process.BeginErrorReadLine();
            string? line = process.StandardOutput.ReadLine();
            if (line is null || !line.StartsWith(SandboxServerMode.ReadyPrefix, StringComparison.Ordinal))
            {
                process.Kill();
                throw new InvalidOperationException("The sandbox server did not report its address: " + line);
            }
            return new SandboxProcess(process, new Uri(line.Substring(SandboxServerMode.ReadyPrefix.Length)));
        }

        /// <summary>CPU seconds the server has used so far (all threads), from /proc.</summary>
        public double? CpuSeconds() => ProcStatus.ReadCpuSeconds(_process.Id);

        /// <summary>How many uploads the server has accepted as new (201) and as repeats (200).</summary>
        public (int Created, int Existed) CountRecordings()
        {
            _process.StandardInput.WriteLine("count");
            _process.StandardInput.Flush();
            string line = _process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("The sandbox server exited.");
            string[] parts = line.Substring(SandboxServerMode.CountPrefix.Length).Split(' ');
            return (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
        }

        public void Dispose()
        {
            try
            {
                _process.StandardInput.WriteLine("stop");
                _process.StandardInput.Close();
                if (!_process.WaitForExit(10_000)) _process.Kill();
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
            _process.Dispose();
        }
    }
}

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Tracing;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Runtime.InteropServices;
using Xunit;

namespace Alpharun.PowerShell.Tests.Security
{
    /// <summary>A session with a fresh sandbox and a temporary folder, plus what the sandbox saw.</summary>
    internal sealed class SandboxedSession : IDisposable
    {
        public const string Cmdlet = ",Alpharun.Commands.SendAlpharunRecordingCommand";

        // The session's SandboxServer, reached through the module's internal per-runspace session, so a test can
        // read UploadRequestCount: every authenticated upload request, including ones the sandbox refused.
        public const string DefineProbe = @"
            function global:Get-TestSandboxServer {
                $type = [Alpharun.Commands.SendAlpharunRecordingCommand].Assembly.GetType('Alpharun.Commands.AlpharunSession', $true)
                $type.GetProperty('Sandbox').GetValue($type.GetProperty('Current').GetValue($null))
            }";

        private readonly bool _ownsSession;

        /// <summary>A new session of its own.</summary>
        public SandboxedSession()
            : this(new PwshSession(), ownsSession: true)
        {
        }

        /// <summary>Reuses <paramref name="shared"/> (a class fixture's), starting a fresh sandbox in it.</summary>
        public SandboxedSession(SharedSession shared)
            : this(shared.Session, ownsSession: false)
        {
        }

        private SandboxedSession(PwshSession session, bool ownsSession)
        {
            Session = session;
            _ownsSession = ownsSession;
            Session.Run(DefineProbe + Poll.DefineWaitFunction).ThrowIfFailed();
            // A new sandbox: nothing received, no faults queued, and the session connected to it.
            Session.Run("Start-AlpharunSandbox | Out-Null").ThrowIfFailed();
        }

        public PwshSession Session { get; }

        public Recordings Files { get; } = new Recordings();

        /// <summary>Authenticated upload requests the sandbox received, accepted or not.</summary>
        public int UploadRequestCount => (int)Session.Run("(Get-TestSandboxServer).UploadRequestCount").ThrowIfFailed().Output.Single().BaseObject;

        /// <summary>The sandbox object itself, to read from another thread while a pipeline runs.</summary>
        public PSObject Server() => Session.Run("Get-TestSandboxServer").ThrowIfFailed().Output.Single();

        public PSObject[] Received() => Session.Run("Get-AlpharunSandboxRecording").ThrowIfFailed().Output.ToArray();

        public string[] ReceivedFileNames() => Received().Select(r => (string)r.Properties["FileName"].Value).OrderBy(n => n, StringComparer.Ordinal).ToArray();

        /// <summary>The contacts JSON of each recording received, in the order of their file names.</summary>
        public string[] ReceivedContactsJson() =>
            Received().OrderBy(r => (string)r.Properties["FileName"].Value, StringComparer.Ordinal).Select(r => (string)r.Properties["ContactsJson"].Value).ToArray();

        public PwshResult Run(string script, params object?[] args) => Session.Run(script, args);

        public void Dispose()
        {
            if (_ownsSession) Session.Dispose();
            Files.Dispose();
        }
    }

    /// <summary>One engine session for all tests of a class (they run one at a time); each test starts its own sandbox in it.</summary>
    public sealed class SharedSession : IDisposable
    {
        public PwshSession Session { get; } = new PwshSession();

        public void Dispose() => Session.Dispose();
    }

    internal static class Platform
    {
        public static bool IsWindows => RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        /// <summary>Runs a system tool (mount, umount) with its output captured, and returns its exit code.</summary>
        public static int RunTool(params string[] arguments)
        {
            var start = new System.Diagnostics.ProcessStartInfo(arguments[0]) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (string argument in arguments.Skip(1)) start.ArgumentList.Add(argument);
            using System.Diagnostics.Process process = System.Diagnostics.Process.Start(start)!;
            process.WaitForExit();
            return process.ExitCode;
        }

        private static readonly Lazy<string?> UnreadableSkipReason = new Lazy<string?>(ProbeUnreadable);

        /// <summary>Why a chmod 000 file cannot be tested here (null when it can): found by trying, not by guessing.</summary>
        public static string? WhyUnreadableFilesCannotBeTested => UnreadableSkipReason.Value;

        public static void MakeUnreadable(string path)
        {
            if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("chmod 000 is a Unix permission.");
            File.SetUnixFileMode(path, UnixFileMode.None);
        }

        public static void MakeFifo(string path)
        {
            if (mkfifo(path, Convert.ToUInt32("644", 8)) != 0) throw new IOException($"mkfifo {path} failed: errno {Marshal.GetLastWin32Error()}");
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int mkfifo(string path, uint mode);

        private static string? ProbeUnreadable()
        {
            if (IsWindows) return "chmod 000 is a Unix permission.";
            string probe = Path.Combine(Path.GetTempPath(), "alpharun-unreadable-probe-" + Guid.NewGuid().ToString("N"));
            File.WriteAllBytes(probe, new byte[] { 1 });
            try
            {
                MakeUnreadable(probe);
                using (File.OpenRead(probe))
                {
                }
                return $"a chmod 000 file is still readable by this user ({Environment.UserName}; root reads any file), so FileUnreadable cannot be provoked here.";
            }
            catch (UnauthorizedAccessException)
            {
                return null;
            }
            finally
            {
                File.Delete(probe);
            }
        }
    }

    /// <summary>A fact that runs only on Linux and macOS (names with '"', CR or LF; named pipes).</summary>
    internal sealed class UnixFactAttribute : FactAttribute
    {
        public UnixFactAttribute()
        {
            if (Platform.IsWindows) Skip = "Windows does not allow this in a file name.";
        }
    }

    /// <summary>A theory that runs only on Linux and macOS.</summary>
    internal sealed class UnixTheoryAttribute : TheoryAttribute
    {
        public UnixTheoryAttribute()
        {
            if (Platform.IsWindows) Skip = "Windows does not allow this in a file name.";
        }
    }

    /// <summary>A fact that needs a file this user cannot read; skipped, with the probe's reason, where there is none.</summary>
    internal sealed class UnreadableFileFactAttribute : FactAttribute
    {
        public UnreadableFileFactAttribute()
        {
            string? reason = Platform.WhyUnreadableFilesCannotBeTested;
            if (reason != null) Skip = reason;
        }
    }

    /// <summary>
    /// Every HTTP request this process starts, as System.Net.Http's own telemetry reports it (RequestStart comes
    /// before any connection is opened), so a test can show that an address was never contacted.
    /// </summary>
    internal sealed class OutgoingRequests : EventListener
    {
        private readonly ConcurrentQueue<Uri> _started = new ConcurrentQueue<Uri>();

        public IReadOnlyList<Uri> Started => _started.ToArray();

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "System.Net.Http") EnableEvents(eventSource, EventLevel.Informational);
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            // RequestStart(scheme, host, port, pathAndQuery, ...)
            if (eventData.EventName == "RequestStart" && eventData.Payload is { Count: >= 4 } p)
            {
                _started.Enqueue(new UriBuilder((string)p[0]!, (string)p[1]!, Convert.ToInt32(p[2]), (string)p[3]!).Uri);
            }
        }
    }
}

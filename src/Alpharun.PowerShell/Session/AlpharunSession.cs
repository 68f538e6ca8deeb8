using System;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using Alpharun.Sandbox;

namespace Alpharun.Commands
{
    /// <summary>
    /// What Connect-Alpharun and Start-AlpharunSandbox keep, one per runspace: two runspaces in one process (ISE tabs,
    /// ForEach-Object -Parallel, test hosts) never see each other's key or sandbox.
    /// </summary>
    internal sealed class AlpharunSession
    {
        private static readonly ConditionalWeakTable<Runspace, AlpharunSession> ByRunspace = new ConditionalWeakTable<Runspace, AlpharunSession>();
        private static readonly AlpharunSession NoRunspace = new AlpharunSession();

        private readonly object _gate = new object();
        private SandboxServer? _sandbox;

        /// <summary>Recent teammates and playbook ids, for tab completion.</summary>
        public AlpharunSessionHistory History { get; } = new AlpharunSessionHistory();

        private AlpharunConnection? _connection;

        /// <summary>The connection set by Connect-Alpharun or Start-AlpharunSandbox, if any.</summary>
        public AlpharunConnection? Connection
        {
            get => _connection;
            set
            {
                _connection = value;
                if (value != null) AnyRunspaceConnected = true;
            }
        }

        /// <summary>
        /// Whether some runspace of this process was ever connected: a runspace without a connection is then most likely
        /// a new one (ForEach-Object -Parallel, Start-ThreadJob) that needs the connection handed in.
        /// </summary>
        public static bool AnyRunspaceConnected { get; private set; }

        /// <summary>The session of the runspace running the current pipeline.</summary>
        public static AlpharunSession Current
        {
            get
            {
                Runspace? runspace = Runspace.DefaultRunspace;
                if (runspace is null) return NoRunspace;
                return ByRunspace.GetValue(runspace, r =>
                {
                    var session = new AlpharunSession();
                    // A sandbox must not outlive the runspace that started it.
                    r.StateChanged += (_, e) =>
                    {
                        if (e.RunspaceStateInfo.State == RunspaceState.Closed || e.RunspaceStateInfo.State == RunspaceState.Broken) session.StopSandbox();
                    };
                    return session;
                });
            }
        }

        public SandboxServer? Sandbox
        {
            get { lock (_gate) return _sandbox is { IsRunning: true } ? _sandbox : null; }
        }

        public SandboxServer StartSandbox(SandboxOptions options)
        {
            lock (_gate)
            {
                _sandbox?.Dispose();
                _sandbox = SandboxServer.Start(options);
                return _sandbox;
            }
        }

        /// <summary>Stops the sandbox; returns it, or null when none ran.</summary>
        public SandboxServer? StopSandbox()
        {
            lock (_gate)
            {
                SandboxServer? stopped = _sandbox;
                _sandbox = null;
                stopped?.Dispose();
                return stopped;
            }
        }
    }
}

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

        // The connection Start-AlpharunSandbox replaced, given back by Stop-AlpharunSandbox.
        private AlpharunConnection? _replacedBySandbox;

        // Why this session has no connection although it had one (Disconnect-Alpharun, Stop-AlpharunSandbox); else null.
        private string? _forgottenBecause;

        /// <summary>The connection set by Connect-Alpharun or Start-AlpharunSandbox, if any.</summary>
        public AlpharunConnection? Connection
        {
            get => _connection;
            set
            {
                _connection = value;
                if (value != null)
                {
                    AnyRunspaceConnected = true;
                    _forgottenBecause = null;
                }
            }
        }

        /// <summary>Connects the session to a sandbox it just started, keeping the connection this replaces for <see cref="DisconnectFromSandbox"/>.</summary>
        public void ConnectToSandbox(AlpharunConnection sandbox, Uri? previousSandbox)
        {
            // A second Start replaces the first sandbox's connection: what Stop gives back is still the one before the first.
            bool onEarlierSandbox = previousSandbox != null && _connection != null && _connection.BaseUri == previousSandbox;
            if (!onEarlierSandbox) _replacedBySandbox = _connection;
            Connection = sandbox;
        }

        /// <summary>
        /// After <paramref name="stopped"/> stopped: when the session still uses its connection, gives back the one Start
        /// replaced, or forgets it when there was none. Returns a sentence for -Verbose.
        /// </summary>
        public string DisconnectFromSandbox(SandboxServer stopped)
        {
            AlpharunConnection? replaced = _replacedBySandbox;
            _replacedBySandbox = null;
            if (_connection is null || _connection.BaseUri != stopped.BaseUri)
            {
                return _connection is null
                    ? "The session had no connection to the sandbox any more, and stays without one."
                    : $"The session stays connected to {_connection.BaseUri}, which it was connected to after Start-AlpharunSandbox.";
            }
            if (replaced != null)
            {
                Connection = replaced;
                return $"The session is connected to {replaced.BaseUri} again, the connection Start-AlpharunSandbox replaced.";
            }
            Connection = null;
            _forgottenBecause = $"Stop-AlpharunSandbox stopped the sandbox at {stopped.BaseUri} it was connected to, and it had no connection before Start-AlpharunSandbox";
            return "The session is no longer connected: it had no connection before Start-AlpharunSandbox.";
        }

        /// <summary>Forgets the connection (Disconnect-Alpharun); returns the one forgotten, if any.</summary>
        public AlpharunConnection? Disconnect()
        {
            AlpharunConnection? previous = _connection;
            Connection = null;
            _replacedBySandbox = null;
            if (previous != null) _forgottenBecause = $"Disconnect-Alpharun forgot its connection to {previous.BaseUri}";
            return previous;
        }

        /// <summary>What ApiKeyMissing says when no key is found: the real reason this session has none, and what to do.</summary>
        public string MissingConnectionMessage =>
            _forgottenBecause != null
                ? $"This session has no Alpharun connection: {_forgottenBecause}. Connect again with Connect-Alpharun -ApiKey (Read-Host -AsSecureString 'API key') or Start-AlpharunSandbox, pass -ApiKey, or set $env:ALPHARUN_API_KEY."
                : AnyRunspaceConnected
                    ? "This runspace has no Alpharun connection: ForEach-Object -Parallel, Start-ThreadJob and other new runspaces do not share the session's. "
                      + "Hand it in: $connection = Connect-Alpharun ... -PassThru (or $sandbox = Start-AlpharunSandbox) outside, then $using:connection | Connect-Alpharun "
                      + "(or $using:sandbox | Connect-Alpharun) inside; or set $env:ALPHARUN_API_KEY, which every runspace reads."
                    : "No Alpharun API key was found. Run Connect-Alpharun -ApiKey (Read-Host -AsSecureString 'API key'), pass -ApiKey, set $env:ALPHARUN_API_KEY, or try the module with Start-AlpharunSandbox.";

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

        /// <summary>
        /// Starts a sandbox, then stops the session's earlier one; <paramref name="replaced"/> is the earlier one's address.
        /// A start that fails (a port another program holds) leaves the earlier sandbox running.
        /// </summary>
        public SandboxServer StartSandbox(SandboxOptions options, out Uri? replaced)
        {
            lock (_gate)
            {
                SandboxServer? earlier = _sandbox;
                replaced = earlier?.BaseUri;
                // Asked for the very port the earlier sandbox holds, it has to make way first.
                if (earlier != null && options.Port != 0 && options.Port == earlier.Port)
                {
                    StopSandbox();
                    earlier = null;
                }
                SandboxServer started = SandboxServer.Start(options);
                earlier?.Dispose();
                _sandbox = started;
                return started;
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

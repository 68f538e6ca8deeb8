using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Alpharun.Sandbox
{
    /// <summary>
    /// A local stand-in for the Alpharun API on 127.0.0.1: it speaks the upload contract, checks requests with the
    /// client core's rules and remembers what it accepted. It runs in-process on a plain TcpListener, so it needs
    /// no administrator rights or URL reservation on Windows.
    /// </summary>
    public sealed class SandboxServer : IDisposable
    {
        /// <summary>The path of the upload endpoint, under <see cref="BaseUri"/>.</summary>
        public const string UploadPath = "/api/v1/recordings/upload";

        // A body left unread after an answer is drained up to this much so the connection can be reused; past it, closing is cheaper.
        private const long DrainLimit = 64 * 1024;
        private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(2);

        private readonly TcpListener _listener;
        private readonly long _maxBodyBytes;
        private readonly TimeSpan _idleTimeout;
        private readonly TimeSpan _headerTimeout;
        private readonly RecordingStore _store = new RecordingStore();
        private readonly UploadEndpoint _upload;
        private readonly FaultQueue _faults = new FaultQueue();
        // Never disposed: a handler still stalling after Stop's wait may read its token.
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private readonly ConcurrentDictionary<HttpConnection, bool> _connections = new ConcurrentDictionary<HttpConnection, bool>();
        private readonly Task _acceptLoop;
        private int _stopped;

        private SandboxServer(TcpListener listener, SandboxOptions options)
        {
            _listener = listener;
            Port = ((IPEndPoint)listener.LocalEndpoint).Port;
            BaseUri = new Uri("http://127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture) + "/api/v1");
            ApiKey = options.ApiKey ?? ApiKey.CreateRandom("sbx_");
            _maxBodyBytes = options.MaxBodyBytes;
            _idleTimeout = options.IdleTimeout;
            _headerTimeout = options.HeaderTimeout;
            _upload = new UploadEndpoint(_store, options.TeammatesWithoutRouting);
            StartedAt = DateTimeOffset.Now;
            _acceptLoop = Task.Run(AcceptLoopAsync);
        }

        /// <summary>The API base to give clients: http://127.0.0.1:{port}/api/v1.</summary>
        public Uri BaseUri { get; }

        /// <summary>The port listened on.</summary>
        public int Port { get; }

        /// <summary>The key clients must send as <c>Authorization: Bearer</c>.</summary>
        public ApiKey ApiKey { get; }

        /// <summary>When the server started (local time).</summary>
        public DateTimeOffset StartedAt { get; }

        /// <summary>True until <see cref="Stop"/>.</summary>
        public bool IsRunning => Volatile.Read(ref _stopped) == 0;

        /// <summary>
        /// Listens on 127.0.0.1 and starts serving in the background. Throws <see cref="InvalidOperationException"/>
        /// when the port cannot be taken.
        /// </summary>
        public static SandboxServer Start(SandboxOptions options)
        {
            if (options is null) throw new ArgumentNullException(nameof(options));
            if (options.Port < IPEndPoint.MinPort || options.Port > IPEndPoint.MaxPort)
            {
                throw new ArgumentOutOfRangeException(nameof(options), options.Port, $"The port must be 0 (any free port) to {IPEndPoint.MaxPort}.");
            }
            if (options.MaxBodyBytes <= 0) throw new ArgumentOutOfRangeException(nameof(options), options.MaxBodyBytes, "MaxBodyBytes must be positive.");
            if (options.IdleTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(options), options.IdleTimeout, "The idle timeout must be positive.");

            // Default socket options on purpose: SO_EXCLUSIVEADDRUSE on Windows would refuse a restart on the same
            // port while closed connections linger in TIME_WAIT.
            var listener = new TcpListener(IPAddress.Loopback, options.Port);
            try
            {
                listener.Start(128);
            }
            catch (SocketException e)
            {
                listener.Stop();
                string reason = e.SocketErrorCode == SocketError.AddressAlreadyInUse
                    ? $"Port {options.Port} on 127.0.0.1 is already in use by another program."
                    : e.SocketErrorCode == SocketError.AccessDenied
                        ? $"Listening on port {options.Port} of 127.0.0.1 is not permitted."
                        : $"Listening on 127.0.0.1:{options.Port} failed ({e.SocketErrorCode}: {e.Message}).";
                throw new InvalidOperationException(reason, e);
            }
            return new SandboxServer(listener, options);
        }

        /// <summary>The queued faults, first to apply first, each with the uses it has left. A snapshot.</summary>
        public IReadOnlyList<SandboxFault> PendingFaults => _faults.Snapshot();

        /// <summary>
        /// The upload requests that passed the key check so far, faulted ones included: with faults queued, it
        /// shows how often a client tried.
        /// </summary>
        public int UploadRequestCount => _faults.RequestCount;

        /// <summary>A snapshot of the accepted uploads (201 and 200), oldest first.</summary>
        public IReadOnlyList<SandboxRecording> GetRecordings() => _store.Snapshot();

        /// <summary>
        /// Queues <paramref name="fault"/> after those already queued. Each upload request with a valid key takes one
        /// use of the first queued fault; a request refused for its key takes none.
        /// </summary>
        public void AddFault(SandboxFault fault)
        {
            if (fault is null) throw new ArgumentNullException(nameof(fault));
            _faults.Add(fault);
        }

        /// <summary>Drops every queued fault; the sandbox behaves again from the next request on.</summary>
        public void ClearFaults() => _faults.Clear();

        /// <summary>
        /// Stops listening, closes open connections and waits briefly for their handlers. Safe to call more than once.
        /// </summary>
        public void Stop()
        {
            if (Interlocked.Exchange(ref _stopped, 1) == 1) return;
            try
            {
                _listener.Stop();
            }
            catch (SocketException)
            {
                // Already closed.
            }
            foreach (HttpConnection connection in _connections.Keys) connection.Abort();
            _stopping.Cancel();

            var pending = new List<Task> { _acceptLoop };
            pending.AddRange(_connections.Keys.Select(c => c.Serving).OfType<Task>());
            try
            {
                Task.WaitAll(pending.ToArray(), StopWait);
            }
            catch (AggregateException)
            {
                // Handlers end by failing their aborted I/O; that is expected here.
            }
        }

        /// <summary>Stops the server.</summary>
        public void Dispose() => Stop();

        /// <inheritdoc />
        public override string ToString() => BaseUri.AbsoluteUri;

        private async Task AcceptLoopAsync()
        {
            while (IsRunning)
            {
                TcpClient? client = await AcceptOneAsync().ConfigureAwait(false);
                if (client != null) Serve(client);
            }
        }

        // One accept; null when none was made (the loop then looks at IsRunning again). Apart from the loop so that no
        // path leaves the client unassigned, which a mutant of a catch's return would (then the mutation tool drops
        // every mutant of the loop).
        private async Task<TcpClient?> AcceptOneAsync()
        {
            try
            {
                return await _listener.AcceptTcpClientAsync().ConfigureAwait(false);
            }
            catch (Exception) when (!IsRunning)
            {
                return null;
            }
            catch (SocketException)
            {
                // A client gave up before its connection was accepted; keep listening.
                return null;
            }
            catch (Exception)
            {
                // Whatever went wrong, one failed accept must not end the server; pause so a persistent fault cannot spin.
                await Task.Delay(100).ConfigureAwait(false);
                return null;
            }
        }

        private void Serve(TcpClient client)
        {
            HttpConnection connection;
            try
            {
                connection = new HttpConnection(client, _idleTimeout);
            }
            catch (Exception e) when (HttpConnection.IsConnectionFailure(e) || e is InvalidOperationException)
            {
                client.Dispose();
                return;
            }
            _connections.TryAdd(connection, true);
            // Stop may have swept the connections between the accept and the add above.
            if (!IsRunning)
            {
                _connections.TryRemove(connection, out _);
                connection.Dispose();
                return;
            }
            connection.Serving = Task.Run(() => ServeConnectionAsync(connection));
        }

        private async Task ServeConnectionAsync(HttpConnection connection)
        {
            try
            {
                while (IsRunning)
                {
                    HttpRequest? request;
                    try
                    {
                        using (var headDeadline = new CancellationTokenSource(_headerTimeout))
                        using (headDeadline.Token.Register(connection.Abort))
                        {
                            request = await HttpRequestReader.ReadAsync(connection, _maxBodyBytes).ConfigureAwait(false);
                        }
                    }
                    catch (HttpProtocolException e)
                    {
                        await RespondAndCloseAsync(connection, HttpResponse.Error(e.StatusCode, e.Message), headOnly: false).ConfigureAwait(false);
                        return;
                    }
                    if (request is null) return;

                    HttpResponse response = await RouteAsync(request).ConfigureAwait(false);
                    if (response.DropConnection)
                    {
                        connection.Reset();
                        return;
                    }
                    bool keepAlive = request.KeepAlive && !response.CloseConnection && IsRunning
                        && await request.Body.TryDrainAsync(DrainLimit).ConfigureAwait(false);
                    if (response.Delay.HasValue && !await HoldAsync(response.Delay.Value).ConfigureAwait(false)) return;
                    if (!keepAlive)
                    {
                        await RespondAndCloseAsync(connection, response, request.IsHead).ConfigureAwait(false);
                        return;
                    }
                    await HttpResponseWriter.WriteAsync(connection, response, keepAlive: true, request.IsHead).ConfigureAwait(false);
                }
            }
            catch (Exception)
            {
                // A broken, timed-out or aborted connection ends itself only; the server goes on.
            }
            finally
            {
                _connections.TryRemove(connection, out _);
                connection.Dispose();
            }
        }

        private static async Task RespondAndCloseAsync(HttpConnection connection, HttpResponse response, bool headOnly)
        {
            await HttpResponseWriter.WriteAsync(connection, response, keepAlive: false, headOnly).ConfigureAwait(false);
            await connection.CloseGracefullyAsync().ConfigureAwait(false);
        }

        private async Task<HttpResponse> RouteAsync(HttpRequest request)
        {
            string path = request.Path.Length > 1 ? request.Path.TrimEnd('/') : request.Path;
            if (!string.Equals(path, UploadPath, StringComparison.Ordinal))
            {
                return HttpResponse.Error(404, $"There is no endpoint {request.Method} {request.Path}. The sandbox serves POST {UploadPath}.");
            }
            if (request.Method != "POST")
            {
                HttpResponse notAllowed = HttpResponse.Error(405, $"{UploadPath} takes POST, not {request.Method}.");
                notAllowed.Headers.Add(new KeyValuePair<string, string>("Allow", "POST"));
                return notAllowed;
            }
            if (!IsAuthorized(request.Headers.Get("Authorization"), out string authProblem))
            {
                // Refused on its head: the body is not read, so the connection closes after the answer.
                HttpResponse unauthorized = HttpResponse.Error(401, authProblem);
                unauthorized.Headers.Add(new KeyValuePair<string, string>("WWW-Authenticate", "Bearer"));
                unauthorized.CloseConnection = true;
                return unauthorized;
            }

            SandboxFault? fault = _faults.TakeForRequest();
            switch (fault?.Kind)
            {
                case SandboxFaultKind.Status:
                    return await FaultResponses.StatusAsync(fault, request).ConfigureAwait(false);
                case SandboxFaultKind.DropConnection:
                    return await FaultResponses.DropAsync(fault, request).ConfigureAwait(false);
                case SandboxFaultKind.Stall:
                    HttpResponse stalled = await UploadAsync(request).ConfigureAwait(false);
                    stalled.Delay = fault.Delay;
                    return stalled;
                default:
                    if (!_faults.HasFileFaults) return await UploadAsync(request).ConfigureAwait(false);
                    // A fault for one file is decided once the form (and its file name) is read; nothing is recorded then.
                    return await UploadAsync(request, fileName => _faults.TakeForFile(fileName) is SandboxFault forFile ? FaultResponses.Answer(forFile, request) : null).ConfigureAwait(false);
            }
        }

        private async Task<HttpResponse> UploadAsync(HttpRequest request, Func<string?, HttpResponse?>? intercept = null)
        {
            long? declared = request.Body.DeclaredLength;
            if (declared.HasValue && declared.Value > _maxBodyBytes)
            {
                HttpResponse tooLarge = HttpResponse.Error(413, $"The request body is {declared.Value} bytes; the sandbox accepts at most {_maxBodyBytes}.");
                tooLarge.CloseConnection = true;
                return tooLarge;
            }

            try
            {
                return await _upload.HandleAsync(request, intercept).ConfigureAwait(false);
            }
            catch (Exception e) when (!HttpConnection.IsConnectionFailure(e))
            {
                HttpResponse failed = HttpResponse.Error(500, "The sandbox failed on this request: " + e.Message);
                failed.CloseConnection = true;
                return failed;
            }
        }

        // False when the server stopped during the wait: the connection is being closed, so there is no one to answer.
        private async Task<bool> HoldAsync(TimeSpan delay)
        {
            try
            {
                await Task.Delay(delay, _stopping.Token).ConfigureAwait(false);
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        private bool IsAuthorized(string? authorization, out string problem)
        {
            const string Scheme = "Bearer ";
            if (string.IsNullOrWhiteSpace(authorization))
            {
                problem = "No API key was sent. Send it as 'Authorization: Bearer <key>'.";
                return false;
            }
            string value = authorization!.Trim();
            if (!value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
            {
                problem = "The Authorization header is not 'Bearer <key>'.";
                return false;
            }
            if (!ApiKey.Matches(value.Substring(Scheme.Length).Trim()))
            {
                problem = "The API key is not valid for this sandbox. Use the key Start-AlpharunSandbox connected the session with.";
                return false;
            }
            problem = string.Empty;
            return true;
        }
    }
}

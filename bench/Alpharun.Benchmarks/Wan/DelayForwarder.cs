using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Alpharun.Benchmarks
{
    /// <summary>
    /// The delay half of the WAN proxy: a TCP forwarder on 127.0.0.1 that relays every connection to
    /// <see cref="Target"/> with each chunk delayed by half the round trip in each direction. A client's connect
    /// completes at once in the local kernel, so the first chunk from the client is held one round trip more: it
    /// then reaches the target when it would have after a real TCP handshake (connect, then send).
    /// </summary>
    internal sealed class DelayForwarder : RelayServer
    {
        private readonly WanLink _up;
        private readonly WanLink _down;
        private readonly TimeSpan _roundTrip;

        private DelayForwarder(IPEndPoint target, TimeSpan roundTrip, double? megabitsPerSecond)
        {
            Target = target;
            _roundTrip = roundTrip;
            _up = new WanLink(roundTrip / 2, megabitsPerSecond);
            _down = new WanLink(roundTrip / 2, megabitsPerSecond);
        }

        public IPEndPoint Target { get; }

        public static DelayForwarder Start(IPEndPoint target, TimeSpan roundTrip, double? megabitsPerSecond)
        {
            var forwarder = new DelayForwarder(target, roundTrip, megabitsPerSecond);
            forwarder.Start();
            return forwarder;
        }

        protected override async Task ServeAsync(Socket client, CancellationToken cancel)
        {
            using var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await server.ConnectAsync(Target, cancel).ConfigureAwait(false);
            await DuplexRelay.RunAsync(
                c => DelayedDirection.RunAsync(client, server, _up, _roundTrip, c),
                c => DelayedDirection.RunAsync(server, client, _down, TimeSpan.Zero, c),
                () =>
                {
                    client.Dispose();
                    server.Dispose();
                },
                cancel).ConfigureAwait(false);
        }
    }
}

using System;
using System.Buffers;
using System.Diagnostics;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace Alpharun.Benchmarks
{
    /// <summary>
    /// One direction of one connection through the delay proxy: whatever is read from the source is passed on to
    /// the destination when the <see cref="WanLink"/> says it arrives, in order. Reading goes on while earlier chunks
    /// wait out their delay, so the link holds a whole round trip of data in flight and the delay costs latency,
    /// not throughput. When the source ends, the end (FIN) is passed on after the last chunk.
    /// </summary>
    internal static class DelayedDirection
    {
        private const int ChunkBytes = 64 * 1024;

        // 16 MiB in flight per direction at most: far above what a 256 KiB upload or its answer needs in one round trip.
        private const int MaxChunksInFlight = 256;

        /// <summary>
        /// Relays <paramref name="source"/> to <paramref name="destination"/>; <paramref name="firstExtraDelay"/> is
        /// added to the first chunk only (the proxy uses it for the TCP handshake's round trip, which the local
        /// kernel completes at once).
        /// </summary>
        public static async Task RunAsync(Socket source, Socket destination, WanLink link, TimeSpan firstExtraDelay, CancellationToken cancel)
        {
            Channel<Chunk> queue = Channel.CreateBounded<Chunk>(new BoundedChannelOptions(MaxChunksInFlight) { SingleReader = true, SingleWriter = true });
            // A failed writer must not leave the reader waiting on its source or on a full queue (nor the other way
            // round): the first failure cancels both loops.
            using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            Task reading = CancelOnFailure(ReadAsync(source, queue.Writer, link, firstExtraDelay, failed.Token), failed);
            Task writing = CancelOnFailure(WriteAsync(queue.Reader, destination, failed.Token), failed);
            await Task.WhenAll(reading, writing).ConfigureAwait(false);
        }

        private static async Task CancelOnFailure(Task loop, CancellationTokenSource failed)
        {
            try
            {
                await loop.ConfigureAwait(false);
            }
            catch
            {
                failed.Cancel();
                throw;
            }
        }

        private static async Task ReadAsync(Socket source, ChannelWriter<Chunk> queue, WanLink link, TimeSpan firstExtraDelay, CancellationToken cancel)
        {
            long extraTicks = (long)(firstExtraDelay.TotalSeconds * Stopwatch.Frequency);
            try
            {
                while (true)
                {
                    byte[] buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
                    int n = await source.ReceiveAsync(buffer.AsMemory(0, ChunkBytes), SocketFlags.None, cancel).ConfigureAwait(false);
                    if (n == 0)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        break;
                    }
                    long arrival = link.ArrivalTimestamp(n) + extraTicks;
                    extraTicks = 0;
                    await queue.WriteAsync(new Chunk(buffer, n, arrival), cancel).ConfigureAwait(false);
                }
                queue.Complete();
            }
            catch (Exception e)
            {
                queue.TryComplete(e);
                throw;
            }
        }

        private static async Task WriteAsync(ChannelReader<Chunk> queue, Socket destination, CancellationToken cancel)
        {
            await foreach (Chunk chunk in queue.ReadAllAsync(cancel).ConfigureAwait(false))
            {
                long wait = chunk.ArrivalTimestamp - Stopwatch.GetTimestamp();
                if (wait > 0) await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency), cancel).ConfigureAwait(false);
                int sent = 0;
                while (sent < chunk.Length)
                {
                    sent += await destination.SendAsync(chunk.Buffer.AsMemory(sent, chunk.Length - sent), SocketFlags.None, cancel).ConfigureAwait(false);
                }
                ArrayPool<byte>.Shared.Return(chunk.Buffer);
            }
            // The source ended cleanly: pass the end on, after everything sent before it.
            destination.Shutdown(SocketShutdown.Send);
        }

        private readonly struct Chunk
        {
            public Chunk(byte[] buffer, int length, long arrivalTimestamp)
            {
                Buffer = buffer;
                Length = length;
                ArrivalTimestamp = arrivalTimestamp;
            }

            public byte[] Buffer { get; }

            public int Length { get; }

            /// <summary>Stopwatch timestamp at which the chunk reaches the far end.</summary>
            public long ArrivalTimestamp { get; }
        }
    }
}

using System.Net;
using System.Net.Sockets;

namespace Alpharun.PowerShell.Tests
{
    /// <summary>Whether something listens on a loopback port: a sandbox that should be running, or one that should have stopped.</summary>
    internal static class LoopbackPort
    {
        public static bool Accepts(int port)
        {
            using var tcp = new TcpClient();
            try
            {
                tcp.Connect(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }
    }
}

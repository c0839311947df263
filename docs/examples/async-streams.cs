// complete: async-streams; runs
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using IoUring.Interop.Async;

// docs/async.md, "3. Streams". The file part runs as a test; the TLS part needs a server on the network, so it runs
// only when a host name is given (example.org, as in the doc).
RingEngine engine = RingEngine.Default;
string path = "/etc/os-release";
if (args.Length > 0)
{
    using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    IPAddress address = (await Dns.GetHostAddressesAsync(args[0])).First(a => a.AddressFamily == AddressFamily.InterNetwork);
    await engine.ConnectAsync(socket, new IPEndPoint(address, 443));
    await using var tls = new SslStream(new RingSocketStream(engine, socket));
    await tls.AuthenticateAsClientAsync("example.org");
    Console.WriteLine($"TLS {tls.SslProtocol} with {args[0]}");
}

using var reader = new StreamReader(new RingFileStream(engine, await engine.OpenAsync(path, FileMode.Open, FileAccess.Read)));
string? firstLine = await reader.ReadLineAsync();
Console.WriteLine(firstLine);

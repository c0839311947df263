using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace IoUring.Samples.Echo;

/// <summary>Command line: <c>IoUring.Echo [--connections C] [--requests R] [--size BYTES] [--seconds MAX]</c>.</summary>
public static class EchoCommand
{
    public const string Usage = "usage: IoUring.Echo [--connections C (4)] [--requests R per connection (5000)] [--size BYTES (64)] [--seconds MAX (10)]";

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (!EchoOptions.TryParse(args, out EchoOptions options, out string? problem))
        {
            error.WriteLine(problem);
            error.WriteLine(Usage);
            return 2;
        }

        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(options.Connections);
        var endpoint = (IPEndPoint)listener.LocalEndPoint!;
        output.WriteLine($"echo server on {endpoint}: {options.Connections} connections x {options.Requests} requests of {options.Size} bytes (at most {options.Seconds.ToString(CultureInfo.InvariantCulture)} s)");

        using var server = new EchoServer((int)listener.SafeHandle.DangerousGetHandle(), options);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(options.Seconds);
        Task<LoadResult> load = Task.Run(() => LoadClient.Run(endpoint, options, deadline));
        ServerStats stats = server.Run(expectedConnections: options.Connections);
        LoadResult result = load.GetAwaiter().GetResult();

        double seconds = result.Elapsed.TotalSeconds;
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"requests={result.Requests} secs={seconds:F3} requests_per_s={(seconds > 0 ? result.Requests / seconds : 0):F0} server: accepted={stats.Accepted} echoed_bytes={stats.EchoedBytes} recv_rearms={stats.RecvRearms}{(result.TimedOut ? " (stopped at the time limit)" : string.Empty)}"));
        return result.Requests > 0 ? 0 : 1;
    }
}

/// <summary>The load: how many connections, requests each, message size, and the time limit.</summary>
public readonly record struct EchoOptions(int Connections, int Requests, int Size, double Seconds)
{
    public static bool TryParse(string[] args, out EchoOptions options, out string? problem)
    {
        int connections = 4, requests = 5000, size = 64;
        double seconds = 10;
        problem = null;
        for (int i = 0; i < args.Length; i++)
        {
            string? value = i + 1 < args.Length ? args[i + 1] : null;
            bool ok = args[i] switch
            {
                "--connections" => int.TryParse(value, CultureInfo.InvariantCulture, out connections) && connections is > 0 and <= 256,
                "--requests" => int.TryParse(value, CultureInfo.InvariantCulture, out requests) && requests > 0,
                "--size" => int.TryParse(value, CultureInfo.InvariantCulture, out size) && size is > 0 and <= ProvidedBufferRing.BufferSize,
                "--seconds" => double.TryParse(value, CultureInfo.InvariantCulture, out seconds) && seconds > 0,
                _ => false,
            };
            if (!ok)
            {
                problem = $"bad option or value: {args[i]} {value}";
                options = default;
                return false;
            }

            i++;
        }

        options = new EchoOptions(connections, requests, size, seconds);
        return true;
    }
}

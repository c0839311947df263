using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace IoUring.Samples.Echo;

/// <summary>Command line: <c>IoUring.Echo [--port P] [--connections C] [--requests R] [--size BYTES] [--seconds MAX]</c>.</summary>
public static class EchoCommand
{
    public static readonly string Usage =
        "usage: IoUring.Echo [--port P (0: any free port)] [--connections C (4, 1-256)] [--requests R per connection (5000, >= 1)]\n" +
        $"                    [--size BYTES (64, 1-{ProvidedBufferRing.BufferSize})] [--seconds MAX (10, > 0)] [--help]\n" +
        "Runs an io_uring echo server on 127.0.0.1 and a bounded load client against it, then prints requests per second.";

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args is ["--help"] or ["-h"])
        {
            output.WriteLine(Usage);
            return 0;
        }

        if (!EchoOptions.TryParse(args, out EchoOptions options, out string? problem))
        {
            error.WriteLine("IoUring.Echo: " + problem);
            error.WriteLine(Usage);
            return 2;
        }

        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(new IPEndPoint(IPAddress.Loopback, options.Port));
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            error.WriteLine($"IoUring.Echo: port {options.Port} on 127.0.0.1 is already in use (EADDRINUSE); choose another with --port, or --port 0 for any free port.");
            return 1;
        }

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

/// <summary>The load: the listening port, how many connections, requests each, message size, and the time limit.</summary>
public readonly record struct EchoOptions(int Connections, int Requests, int Size, double Seconds, int Port = 0)
{
    public static bool TryParse(string[] args, out EchoOptions options, out string? problem)
    {
        int connections = 4, requests = 5000, size = 64, port = 0;
        double seconds = 10;
        options = default;
        for (int i = 0; i < args.Length; i += 2)
        {
            string option = args[i];
            string? value = i + 1 < args.Length ? args[i + 1] : null;
            problem = option switch
            {
                "--port" => Int(option, value, 0, IPEndPoint.MaxPort, ref port),
                "--connections" => Int(option, value, 1, 256, ref connections),
                "--requests" => Int(option, value, 1, int.MaxValue, ref requests),
                "--size" => Int(option, value, 1, ProvidedBufferRing.BufferSize, ref size),
                "--seconds" => double.TryParse(value, CultureInfo.InvariantCulture, out seconds) && seconds > 0
                    ? null : $"--seconds takes a number of seconds above 0, got '{value}'",
                _ => $"unknown option '{option}' (see --help)",
            };
            if (problem is not null)
                return false;
        }

        problem = null;
        options = new EchoOptions(connections, requests, size, seconds, port);
        return true;
    }

    private static string? Int(string option, string? value, int min, int max, ref int result) =>
        int.TryParse(value, CultureInfo.InvariantCulture, out int parsed) && parsed >= min && parsed <= max
            ? SetAndAccept(ref result, parsed)
            : $"{option} takes a whole number from {min} to {max}, got '{value ?? "nothing"}'";

    private static string? SetAndAccept(ref int result, int value)
    {
        result = value;
        return null;
    }
}

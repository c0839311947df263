using System;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using Xunit;

namespace IoUring.Interop.AspNetCore.Tests;

/// <summary>HTTP/1.1 by hand over a raw socket, for what HttpClient will not do (pipelining, half-sent requests).</summary>
public static class RawHttp
{
    /// <summary>Sends GET <paramref name="path"/> with Connection: close and reads the whole reply.</summary>
    public static async Task<string> GetAsync(Socket socket, string path)
    {
        await SendAsync(socket, $"GET {path} HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n");
        return await ReadToEndAsync(socket);
    }

    /// <summary>Sends <paramref name="count"/> pipelined GETs in one write (the last one closes) and reads every reply.</summary>
    public static async Task<string> PipelineAsync(Socket socket, string path, int count)
    {
        var requests = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            requests.Append($"GET {path} HTTP/1.1\r\nHost: test\r\n{(i == count - 1 ? "Connection: close\r\n" : string.Empty)}\r\n");
        }

        await SendAsync(socket, requests.ToString());
        return await ReadToEndAsync(socket);
    }

    /// <summary>How many status lines <paramref name="text"/> holds.</summary>
    public static int CountResponses(string text)
    {
        int count = 0;
        for (int at = text.IndexOf("HTTP/1.1 200 OK", StringComparison.Ordinal); at >= 0; at = text.IndexOf("HTTP/1.1 200 OK", at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>Sends <paramref name="text"/> (ASCII).</summary>
    public static async Task SendAsync(Socket socket, string text)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(text);
        int sent = 0;
        while (sent < bytes.Length)
        {
            sent += await socket.SendAsync(bytes.AsMemory(sent), SocketFlags.None, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Reads until the text read so far ends with <paramref name="end"/>.</summary>
    public static async Task<string> ReadUntilAsync(Socket socket, string end)
    {
        var text = new StringBuilder();
        byte[] buffer = new byte[16 * 1024];
        while (!text.ToString().EndsWith(end, StringComparison.Ordinal))
        {
            int read = await socket.ReceiveAsync(buffer, SocketFlags.None, TestContext.Current.CancellationToken);
            if (read == 0)
            {
                break;
            }

            text.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        return text.ToString();
    }

    /// <summary>Reads until the server closes, as ASCII.</summary>
    public static async Task<string> ReadToEndAsync(Socket socket)
    {
        var text = new StringBuilder();
        byte[] buffer = new byte[16 * 1024];
        int read;
        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, TestContext.Current.CancellationToken)) > 0)
        {
            text.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        return text.ToString();
    }
}

using System;
using System.Globalization;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace IoUring.Interop.AspNetCore.Tests;

/// <summary>The endpoints every test server maps, and what the handlers observed (bytes written, how they ended).</summary>
public sealed class TestEndpoints
{
    /// <summary>The "Hello, World!" body of GET /hello.</summary>
    public const string Hello = "Hello, World!";

    private long _streamBytesWritten;
    private long _uploadBytesRead;

    /// <summary>Bytes GET /stream has handed to Kestrel so far (the body writes that completed).</summary>
    public long StreamBytesWritten => Interlocked.Read(ref _streamBytesWritten);

    /// <summary>Bytes POST /drain has read so far.</summary>
    public long UploadBytesRead => Interlocked.Read(ref _uploadBytesRead);

    /// <summary>How GET /stream ended: the exception it met (null if none) and whether RequestAborted had fired.</summary>
    /// <remarks>Kestrel drops writes after the connection is gone without always throwing, so both are recorded.</remarks>
    public TaskCompletionSource<(Exception? Error, bool Aborted)> StreamEnded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How POST /drain ended: null when it read the whole body, else the exception it met.</summary>
    public TaskCompletionSource<Exception?> DrainEnded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Lets POST /stall go on to read its body.</summary>
    public TaskCompletionSource StallReleased { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private int _stallStarted;

    /// <summary>How many POST /stall requests have entered their handler.</summary>
    public int StallStarted => Volatile.Read(ref _stallStarted);

    private int _slowStarted;
    private int _blockStarted;

    /// <summary>How many GET /block requests have entered their handler.</summary>
    public int BlockStarted => Volatile.Read(ref _blockStarted);

    /// <summary>How many GET /slow requests have started (graceful-shutdown tests wait for all of theirs).</summary>
    public int SlowStarted => Volatile.Read(ref _slowStarted);

    /// <summary>Maps the endpoints on <paramref name="app"/>.</summary>
    public void Map(WebApplication app)
    {
        app.MapGet("/hello", (HttpContext context) =>
        {
            // A fixed length (not chunked), so raw-socket tests know where the reply ends.
            context.Response.ContentType = "text/plain";
            context.Response.ContentLength = Hello.Length;
            return context.Response.WriteAsync(Hello);
        });
        app.MapGet("/connection", (HttpContext context) =>
            $"{context.Connection.Id}|{context.Connection.LocalIpAddress}:{context.Connection.LocalPort}|{context.Connection.RemoteIpAddress}:{context.Connection.RemotePort}");
        app.MapPost("/echo", async (HttpContext context) =>
        {
            // Read everything first: HttpClient sends the whole request body before it reads the response, so echoing
            // while reading would deadlock on the (correctly bounded) buffers of both sides.
            using var body = new System.IO.MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            context.Response.ContentType = "application/octet-stream";
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body.GetBuffer().AsMemory(0, (int)body.Length), context.RequestAborted);
        });
        app.MapGet("/chunked", async (HttpContext context, int count) =>
        {
            // No Content-Length and a flush per piece: Kestrel sends Transfer-Encoding: chunked, one chunk per flush.
            for (int i = 0; i < count; i++)
            {
                await context.Response.WriteAsync(Chunk(i), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        });
        app.MapGet("/stream", async (HttpContext context, int megabytes) =>
        {
            byte[] block = new byte[64 * 1024];
            long total = (long)megabytes * 1024 * 1024;
            context.Response.ContentLength = total;
            try
            {
                for (long sent = 0; sent < total; sent += block.Length)
                {
                    await context.Response.Body.WriteAsync(block, context.RequestAborted);
                    Interlocked.Add(ref _streamBytesWritten, block.Length);
                }

                StreamEnded.TrySetResult((null, context.RequestAborted.IsCancellationRequested));
            }
            catch (Exception e)
            {
                StreamEnded.TrySetResult((e, context.RequestAborted.IsCancellationRequested));
            }
        });
        app.MapPost("/drain", async (HttpContext context) =>
        {
            byte[] buffer = new byte[64 * 1024];
            try
            {
                int read;
                while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
                {
                    Interlocked.Add(ref _uploadBytesRead, read);
                }

                DrainEnded.TrySetResult(null);
            }
            catch (Exception e)
            {
                DrainEnded.TrySetResult(e);
            }
        });
        app.MapPost("/stall", async (HttpContext context) =>
        {
            // A handler that does not read its body until the test says so: Kestrel reads nothing from the transport
            // meanwhile, so the transport's input pipe fills up to MaxReadBufferSize.
            Interlocked.Increment(ref _stallStarted);
            await StallReleased.Task.WaitAsync(context.RequestAborted);
            byte[] buffer = new byte[64 * 1024];
            try
            {
                int read;
                while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
                {
                    Interlocked.Add(ref _uploadBytesRead, read);
                }

                DrainEnded.TrySetResult(null);
            }
            catch (Exception e)
            {
                DrainEnded.TrySetResult(e);
            }
        });
        app.MapGet("/block", (int milliseconds) =>
        {
            // A handler that blocks its thread (legacy code, a synchronous wait): on a reactor, the thread of a ring.
            Interlocked.Increment(ref _blockStarted);
            Thread.Sleep(milliseconds);
            return "blocked";
        });
        app.MapGet("/slow", async (int milliseconds) =>
        {
            Interlocked.Increment(ref _slowStarted);
            // Deliberately not tied to RequestAborted: graceful shutdown must let it finish.
            await Task.Delay(milliseconds);
            return "slow done";
        });
    }

    /// <summary>The text of chunk <paramref name="index"/> of GET /chunked.</summary>
    public static string Chunk(int index) => string.Create(CultureInfo.InvariantCulture, $"chunk {index:D4} {new string('x', index % 97)}\n");

    /// <summary>The whole body GET /chunked?count=<paramref name="count"/> sends.</summary>
    public static string Chunks(int count)
    {
        var text = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            text.Append(Chunk(i));
        }

        return text.ToString();
    }
}

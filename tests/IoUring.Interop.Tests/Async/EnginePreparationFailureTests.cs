using System;
using System.Buffers;
using System.IO;
using System.Net.Sockets;
using System.Reflection;
using System.Threading.Tasks;
using FluentAssertions;
using IoUring.Interop.Async;
using IoUring.Interop.Opcodes;
using Microsoft.Win32.SafeHandles;
using Xunit;

namespace IoUring.Interop.Tests.Async;

/// <summary>A typed operation whose preparation fails half-way (the handle referenced, then a pin refused) leaks
/// nothing: the handle can still close its descriptor, the pooled operation is reused, the engine keeps serving.</summary>
public class EnginePreparationFailureTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string> SocketOperations => new() { "send", "send-sequence", "send-zc", "send-to", "receive", "receive-from" };

    public static TheoryData<string> FileOperations => new() { "read", "write", "read-vector", "write-vector" };

    [Theory]
    [MemberData(nameof(SocketOperations))]
    public async Task A_socket_operation_whose_pin_throws_releases_the_socket(string operation)
    {
        await using RingEngine engine = new();
        (Socket client, Socket server) = AsyncTestSupport.ConnectedPair();
        using (server)
        {
            int fd = DescriptorProbe.Number(client.SafeHandle);
            string? target = DescriptorProbe.Target(fd);
            target.Should().StartWith("socket:[");

            Action call = () => StartSocketOperation(engine, client, operation);
            call.Should().Throw<InvalidOperationException>().WithMessage("*cannot be pinned*");

            await DisposeWithin(client);
            DescriptorProbe.Target(fd).Should().NotBe(target, "disposing the socket closed its descriptor: no reference was left behind");
            await EngineStillServes(engine);
        }
    }

    [Theory]
    [MemberData(nameof(FileOperations))]
    public async Task A_file_operation_whose_pin_throws_releases_the_file(string operation)
    {
        await using RingEngine engine = new();
        string path = _dir.File(operation + ".bin");
        File.WriteAllBytes(path, new byte[4096]);
        SafeFileHandle file = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite);
        int fd = DescriptorProbe.Number(file);
        DescriptorProbe.Target(fd).Should().Be(path);

        Action call = () => StartFileOperation(engine, file, operation);
        call.Should().Throw<InvalidOperationException>().WithMessage("*cannot be pinned*");

        file.Dispose();
        DescriptorProbe.Target(fd).Should().NotBe(path, "disposing the handle closed its descriptor: no reference was left behind");
        await EngineStillServes(engine);
    }

    [Fact]
    public async Task Ten_thousand_failed_preparations_reuse_one_pooled_operation()
    {
        await using RingEngine engine = new();
        string path = _dir.File("pool.bin");
        File.WriteAllBytes(path, new byte[4096]);
        using SafeFileHandle file = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite);
        (Socket client, Socket server) = AsyncTestSupport.ConnectedPair();
        using (client)
        using (server)
        {
            await EngineStillServes(engine);
            int before = OperationObjects(engine);
            Memory<byte> unpinnable = new UnpinnableMemory(64).Memory;
            for (int i = 0; i < 10_000; i++)
            {
                Action call = i % 2 == 0
                    ? () => engine.ReceiveAsync(client, unpinnable)
                    : () => engine.ReadAsync(file, unpinnable, 0);
                call.Should().Throw<InvalidOperationException>();
            }

            OperationObjects(engine).Should().Be(before, "each failed call returned its operation to the pool");
            await EngineStillServes(engine);
            OperationObjects(engine).Should().Be(before);

            // The handles were never left referenced: both close for real.
            int socketFd = DescriptorProbe.Number(client.SafeHandle);
            string? socketTarget = DescriptorProbe.Target(socketFd);
            await DisposeWithin(client);
            DescriptorProbe.Target(socketFd).Should().NotBe(socketTarget);
            int fileFd = DescriptorProbe.Number(file);
            file.Dispose();
            DescriptorProbe.Target(fileFd).Should().NotBe(path);
        }
    }

    // A socket with a reference left on its handle never finishes disposing (.NET waits for the last release), so a
    // leak shows up here as a timeout rather than a hung run.
    private static Task DisposeWithin(Socket socket) => Task.Run(socket.Dispose).WaitAsync(TimeSpan.FromSeconds(10));

    private static void StartSocketOperation(RingEngine engine, Socket socket, string operation)
    {
        Memory<byte> unpinnable = new UnpinnableMemory(64).Memory;
        switch (operation)
        {
            case "send":
                _ = engine.SendAsync(socket, unpinnable);
                break;
            case "send-sequence":
                // The first segment pins, the second refuses: the first pin must be released too.
                var first = new SequenceSegment(new byte[16]);
                SequenceSegment last = first.Append(unpinnable);
                _ = engine.SendAsync(socket, new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length));
                break;
            case "send-zc":
                _ = engine.SendZeroCopyAsync(socket, unpinnable);
                break;
            case "send-to":
                _ = engine.SendToAsync(socket, unpinnable, socket.RemoteEndPoint!);
                break;
            case "receive":
                _ = engine.ReceiveAsync(socket, unpinnable);
                break;
            case "receive-from":
                _ = engine.ReceiveFromAsync(socket, unpinnable);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation, null);
        }
    }

    private static void StartFileOperation(RingEngine engine, SafeFileHandle file, string operation)
    {
        Memory<byte> unpinnable = new UnpinnableMemory(64).Memory;
        switch (operation)
        {
            case "read":
                _ = engine.ReadAsync(file, unpinnable, 0);
                break;
            case "write":
                _ = engine.WriteAsync(file, unpinnable, 0);
                break;
            case "read-vector":
                _ = engine.ReadAsync(file, [new byte[16], unpinnable], 0);
                break;
            case "write-vector":
                _ = engine.WriteAsync(file, [new byte[16], (ReadOnlyMemory<byte>)unpinnable], 0);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation, null);
        }
    }

    // A NOP and a file read both complete normally.
    private static async Task EngineStillServes(RingEngine engine)
    {
        CompletionEntry nop = await engine.SubmitAsync(new Nop().Build()).Within();
        nop.Result.Should().Be(0);
        using SafeFileHandle probe = File.OpenHandle("/proc/self/stat", FileMode.Open, FileAccess.Read);
        byte[] buffer = new byte[16];
        int read = await engine.ReadAsync(probe, buffer, 0).Within();
        read.Should().BeGreaterThan(0);
    }

    // The engine's table of operation objects (private: the test project sees no internals). Every object ever
    // created stays in it, so a failed call that lost its pooled object shows up as growth.
    private static int OperationObjects(RingEngine engine)
    {
        FieldInfo field = typeof(RingEngine).GetField("_tableCount", BindingFlags.Instance | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException("RingEngine._tableCount is gone: update this test's probe of the operation table.");
        return (int)field.GetValue(engine)!;
    }
}

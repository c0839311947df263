using System;
using FluentAssertions;
using IoUring.Interop.Opcodes;
using IoUring.Interop.Tests.Opcodes.Support;
using Xunit;

namespace IoUring.Interop.Tests.Opcodes;

/// <summary>waitid on a child process through the ring.</summary>
public unsafe class WaitIdTests
{
    private const int P_PID = 1;
    private const int WEXITED = 4;
    private const int SIGCHLD = 17;
    private const int CLD_EXITED = 1;

    [Fact]
    public void WaitId_reports_the_exit_status_of_a_child()
    {
        using var ring = new Ring(8);
        OpcodeRing.RequireOpcode(ring, WaitId.Code);
        int pid = Spawn("/bin/sh", "-c", "exit 3");
        byte* info = stackalloc byte[128];
        new Span<byte>(info, 128).Clear();

        CompletionEntry cqe = ring.Run(new WaitId(P_PID, pid, WEXITED) { Info = info }.Build());

        cqe.Result.Should().Be(0);
        // siginfo_t for SIGCHLD: si_signo at 0, si_code at 8, si_pid at 16, si_status at 24.
        ((int*)info)[0].Should().Be(SIGCHLD);
        ((int*)info)[2].Should().Be(CLD_EXITED);
        ((int*)info)[4].Should().Be(pid);
        ((int*)info)[6].Should().Be(3);
    }

    private static int Spawn(params string[] argv)
    {
        byte[][] args = Array.ConvertAll(argv, OpcodeTempDir.CString);
        var handles = new System.Runtime.InteropServices.GCHandle[args.Length];
        byte** pointers = stackalloc byte*[args.Length + 1];
        try
        {
            for (int i = 0; i < args.Length; i++)
            {
                handles[i] = System.Runtime.InteropServices.GCHandle.Alloc(args[i], System.Runtime.InteropServices.GCHandleType.Pinned);
                pointers[i] = (byte*)handles[i].AddrOfPinnedObject();
            }

            pointers[args.Length] = null;
            byte** env = stackalloc byte*[1];
            env[0] = null;
            int pid;
            int error = Libc.posix_spawn(&pid, pointers[0], null, null, pointers, env);
            error.Should().Be(0);
            return pid;
        }
        finally
        {
            foreach (var handle in handles)
            {
                if (handle.IsAllocated)
                {
                    handle.Free();
                }
            }
        }
    }
}

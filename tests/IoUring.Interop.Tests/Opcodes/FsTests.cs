using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using FluentAssertions;
using IoUring.Interop.Native;
using IoUring.Interop.Opcodes;
using IoUring.Interop.Tests.Opcodes.Support;
using Microsoft.Win32.SafeHandles;
using Xunit;
using static IoUring.Interop.Tests.Errno;

namespace IoUring.Interop.Tests.Opcodes;

/// <summary>File opcodes on real files in a temp folder, as in io-uring-test's fs.rs.</summary>
public unsafe class FsTests : IDisposable
{
    private readonly OpcodeTempDir dir = new();
    private readonly Ring ring = new(16);

    public void Dispose()
    {
        ring.Dispose();
        dir.Dispose();
    }

    private static byte[] Pattern(int length, int seed = 1) => Enumerable.Range(0, length).Select(i => (byte)(i * 7 + seed)).ToArray();

    [Fact]
    public void Write_then_read_at_offsets()
    {
        using SafeFileHandle file = dir.CreateFile("rw");
        byte[] data = Pattern(300);
        byte[] back = new byte[100];
        fixed (byte* src = data)
        fixed (byte* dst = back)
        {
            CompletionEntry wrote = ring.Run(new Write(FdOf.Handle(file), src, 300) { Offset = 10 }.Build().WithUserData(1));
            CompletionEntry read = ring.Run(new Read(FdOf.Handle(file), dst, 100) { Offset = 60 }.Build().WithUserData(2));

            wrote.Result.Should().Be(300);
            wrote.UserData.Should().Be(1UL);
            read.Result.Should().Be(100);
            back.Should().Equal(data.Skip(50).Take(100));
        }

        new FileInfo(dir["rw"]).Length.Should().Be(310);
    }

    [Fact]
    public void Read_past_the_end_returns_zero_and_a_bad_fd_returns_ebadf()
    {
        using SafeFileHandle file = dir.CreateFile("short", Pattern(10));
        byte* buf = stackalloc byte[16];

        ring.Run(new Read(FdOf.Handle(file), buf, 16) { Offset = 100 }.Build()).Result.Should().Be(0);
        ring.Run(new Read(new Fd(-1), buf, 16).Build()).Result.Should().Be(-EBADF);
    }

    [Fact]
    public void Writev_then_readv()
    {
        using SafeFileHandle file = dir.CreateFile("vec");
        byte[] a = Pattern(64, 1), b = Pattern(32, 2);
        byte[] ra = new byte[48], rb = new byte[48];
        fixed (byte* pa = a)
        fixed (byte* pb = b)
        fixed (byte* pra = ra)
        fixed (byte* prb = rb)
        {
            IoVector* w = stackalloc IoVector[2];
            w[0] = new IoVector(pa, 64);
            w[1] = new IoVector(pb, 32);
            IoVector* r = stackalloc IoVector[2];
            r[0] = new IoVector(pra, 48);
            r[1] = new IoVector(prb, 48);

            ring.Run(new Writev(FdOf.Handle(file), w, 2).Build()).Result.Should().Be(96);
            ring.Run(new Readv(FdOf.Handle(file), r, 2).Build()).Result.Should().Be(96);
        }

        ra.Concat(rb).Should().Equal(a.Concat(b));
    }

    [Fact]
    public void WriteFixed_and_ReadFixed_use_registered_buffers_and_registered_files()
    {
        using SafeFileHandle file = dir.CreateFile("fixed");
        byte* mem = (byte*)NativeMemory.AllocZeroed(8192);
        try
        {
            IoVector* bufs = stackalloc IoVector[2];
            bufs[0] = new IoVector(mem, 4096);
            bufs[1] = new IoVector(mem + 4096, 4096);
            ring.Submitter.RegisterBuffers(new ReadOnlySpan<IoVector>(bufs, 2));
            ring.Submitter.RegisterFiles([FdOf.Handle(file).Value]);
            Pattern(4096).CopyTo(new Span<byte>(mem, 4096));

            CompletionEntry wrote = ring.Run(new WriteFixed(new Fixed(0), mem + 100, 1000, 0) { Offset = 0 }.Build());
            CompletionEntry read = ring.Run(new ReadFixed(FdOf.Handle(file), mem + 4096, 1000, 1).Build());

            wrote.Result.Should().Be(1000);
            read.Result.Should().Be(1000);
            new Span<byte>(mem + 4096, 1000).ToArray().Should().Equal(new Span<byte>(mem + 100, 1000).ToArray());

            // A buffer outside the registered range is refused.
            byte* outside = stackalloc byte[16];
            ring.Run(new ReadFixed(FdOf.Handle(file), outside, 16, 0).Build()).Result.Should().Be(-EFAULT);
        }
        finally
        {
            NativeMemory.Free(mem);
        }
    }

    private const int EFAULT = 14;

    [Fact]
    public void WritevFixed_and_ReadvFixed_use_a_registered_buffer()
    {
        OpcodeRing.RequireOpcode(ring, ReadvFixed.Code);
        OpcodeRing.RequireOpcode(ring, WritevFixed.Code);
        using SafeFileHandle file = dir.CreateFile("vfixed");
        byte* mem = (byte*)NativeMemory.AllocZeroed(4096);
        try
        {
            IoVector reg = new(mem, 4096);
            ring.Submitter.RegisterBuffers(new ReadOnlySpan<IoVector>(&reg, 1));
            Pattern(100).CopyTo(new Span<byte>(mem, 100));
            IoVector* w = stackalloc IoVector[2];
            w[0] = new IoVector(mem, 60);
            w[1] = new IoVector(mem + 60, 40);
            IoVector* r = stackalloc IoVector[1];
            r[0] = new IoVector(mem + 1000, 100);

            ring.Run(new WritevFixed(FdOf.Handle(file), w, 2, 0).Build()).Result.Should().Be(100);
            ring.Run(new ReadvFixed(FdOf.Handle(file), r, 1, 0).Build()).Result.Should().Be(100);
            new Span<byte>(mem + 1000, 100).ToArray().Should().Equal(Pattern(100));
        }
        finally
        {
            NativeMemory.Free(mem);
        }
    }

    [Fact]
    public void ProtectionInfo_is_encoded_and_refused_by_a_file_without_integrity_metadata()
    {
        using SafeFileHandle file = dir.CreateFile("pi", Pattern(512));
        byte* buf = stackalloc byte[512];
        byte* meta = stackalloc byte[64];
        var pi = new ProtectionInformation { Address = (ulong)meta, Length = 8 };

        SubmissionEntry entry = new Read(FdOf.Handle(file), buf, 512) { ProtectionInfo = &pi }.Build();
        entry.Native.attr_ptr.Should().Be((ulong)&pi);
        entry.Native.attr_type_mask.Should().Be(Constants.IORING_RW_ATTR_FLAG_PI);
        new Read(FdOf.Handle(file), buf, 512).Build().Native.attr_type_mask.Should().Be(0UL);

        CompletionEntry cqe = ring.Run(entry);
        if (cqe.Result >= 0)
        {
            Assert.Skip("the kernel ignores sqe->attr_type_mask (no IORING_FEAT_RW_ATTR)");
        }

        cqe.Result.Should().BeOneOf(-EOPNOTSUPP, -EINVAL);
    }

    [Fact]
    public void Fsync_whole_file_datasync_and_range_and_sync_file_range()
    {
        using SafeFileHandle file = dir.CreateFile("sync", Pattern(8192));
        Fd fd = FdOf.Handle(file);

        ring.Run(new Fsync(fd).Build()).Result.Should().Be(0);
        ring.Run(new Fsync(fd) { Flags = FsyncFlags.DataSync }.Build()).Result.Should().Be(0);
        ring.Run(new Fsync(fd) { Offset = 4096, Length = 4096 }.Build()).Result.Should().Be(0);
        ring.Run(new SyncFileRange(fd, 4096) { Offset = 0, Flags = 2 /* SYNC_FILE_RANGE_WRITE */ }.Build()).Result.Should().Be(0);
        ring.Run(new Fsync(new Fd(-1)).Build()).Result.Should().Be(-EBADF);
    }

    [Fact]
    public void Fallocate_grows_and_Ftruncate_shrinks()
    {
        using SafeFileHandle file = dir.CreateFile("size");
        Fd fd = FdOf.Handle(file);

        CompletionEntry alloc = ring.Run(new Fallocate(fd, 1 << 20).Build());
        OpcodeRing.SkipOnErrno(alloc.Result, "fallocate on the temp file system", EOPNOTSUPP);
        alloc.Result.Should().Be(0);
        RandomAccess.GetLength(file).Should().Be(1 << 20);

        OpcodeRing.RequireOpcode(ring, Ftruncate.Code);
        ring.Run(new Ftruncate(fd, 1234).Build()).Result.Should().Be(0);
        RandomAccess.GetLength(file).Should().Be(1234);
    }

    [Fact]
    public void Fadvise_and_Madvise_succeed()
    {
        using SafeFileHandle file = dir.CreateFile("advise", Pattern(4096));
        ring.Run(new Fadvise(FdOf.Handle(file), 4096, 2 /* POSIX_FADV_SEQUENTIAL */).Build()).Result.Should().Be(0);
        ring.Run(new Fadvise(FdOf.Handle(file), 0, 99).Build()).Result.Should().Be(-EINVAL);
        ring.Run(new Fadvise(FdOf.Handle(file), 1L << 33, 3 /* POSIX_FADV_WILLNEED */).Build()).Result.Should().Be(0, "a 64-bit length travels in sqe->addr");

        // madvise(2) needs a page-aligned start: the page size, which is not 4096 on every arm64 kernel.
        nuint pageSize = (nuint)Environment.SystemPageSize;
        nint page = (nint)NativeMemory.AlignedAlloc(2 * pageSize, pageSize);
        try
        {
            ring.Run(new Madvise((void*)page, (uint)(2 * pageSize), 0 /* MADV_NORMAL */).Build()).Result.Should().Be(0);
        }
        finally
        {
            NativeMemory.AlignedFree((void*)page);
        }
    }

    [Fact]
    public void OpenAt_Statx_Close()
    {
        File.WriteAllBytes(dir["open"], Pattern(777));
        byte[] path = OpcodeTempDir.CString(dir["open"]);
        StatxBuffer stx = default;
        fixed (byte* p = path)
        {
            CompletionEntry opened = ring.Run(new OpenAt(Libc.AT_FDCWD, p) { Flags = Libc.O_RDONLY | Libc.O_CLOEXEC }.Build());
            opened.Result.Should().BeGreaterThan(2);

            // An empty path with AT_EMPTY_PATH: statx on the fd itself.
            byte empty = 0;
            CompletionEntry stat = ring.Run(new Statx(opened.Result, &empty, null) { Flags = Libc.AT_EMPTY_PATH, Mask = 0x7FF }.Build());
            stat.Result.Should().Be(-EFAULT, "a null buffer is refused");

            stat = ring.Run(new Statx(opened.Result, &empty, &stx) { Flags = Libc.AT_EMPTY_PATH, Mask = 0x7FF }.Build());
            stat.Result.Should().Be(0);
            stx.Size.Should().Be(777UL);
            (stx.Mode & 0xF000).Should().Be(0x8000, "a regular file");

            ring.Run(new Close(new Fd(opened.Result)).Build()).Result.Should().Be(0);
            ring.Run(new Close(new Fd(opened.Result)).Build()).Result.Should().Be(-EBADF);

            ring.Run(new OpenAt(Libc.AT_FDCWD, p) { Flags = Libc.O_RDONLY }.Build().WithUserData(1)).Result.Should().BeGreaterThan(0);
        }
    }

    [Fact]
    public void OpenAt2_with_OpenHow_and_resolve_restrictions()
    {
        OpcodeRing.RequireOpcode(ring, OpenAt2.Code);
        File.WriteAllBytes(dir["how"], Pattern(5));
        byte[] path = OpcodeTempDir.CString(dir["how"]);
        var how = new OpenHow { Flags = (ulong)(Libc.O_RDONLY | Libc.O_CLOEXEC) };
        var badHow = new OpenHow { Flags = (ulong)Libc.O_RDONLY, Mode = 0x1FF };
        fixed (byte* p = path)
        {
            CompletionEntry ok = ring.Run(new OpenAt2(Libc.AT_FDCWD, p, &how).Build());
            ok.Result.Should().BeGreaterThan(2);
            Libc.close(ok.Result);

            // openat2 insists that mode is 0 without O_CREAT.
            ring.Run(new OpenAt2(Libc.AT_FDCWD, p, &badHow).Build()).Result.Should().Be(-EINVAL);
        }

        sizeof(OpenHow).Should().Be(24);
    }

    [Fact]
    public void OpenAt_into_direct_descriptors_at_a_slot_and_auto_allocated_then_close_them()
    {
        File.WriteAllBytes(dir["direct"], Pattern(64));
        ring.Submitter.RegisterFilesSparse(8);
        byte[] path = OpcodeTempDir.CString(dir["direct"]);
        byte* buf = stackalloc byte[64];
        fixed (byte* p = path)
        {
            CompletionEntry atSlot = ring.Run(new OpenAt(Libc.AT_FDCWD, p) { FileIndex = DestinationSlot.At(3) }.Build());
            atSlot.Result.Should().Be(0, "a chosen slot reports 0");

            CompletionEntry auto = ring.Run(new OpenAt(Libc.AT_FDCWD, p) { FileIndex = DestinationSlot.Auto }.Build());
            auto.Result.Should().BeInRange(0, 7).And.NotBe(3);

            ring.Run(new Read(new Fixed(3), buf, 64).Build()).Result.Should().Be(64);
            ring.Run(new Read(new Fixed((uint)auto.Result), buf, 64).Build()).Result.Should().Be(64);
            new Span<byte>(buf, 64).ToArray().Should().Equal(Pattern(64));

            ring.Run(new Close(new Fixed(3)).Build()).Result.Should().Be(0);
            ring.Run(new Read(new Fixed(3), buf, 64).Build()).Result.Should().Be(-EBADF);
            ring.Run(new Close(new Fixed((uint)auto.Result)).Build()).Result.Should().Be(0);
        }
    }

    [Fact]
    public void FixedFdInstall_turns_a_direct_descriptor_into_a_normal_fd()
    {
        OpcodeRing.RequireOpcode(ring, FixedFdInstall.Code);
        File.WriteAllBytes(dir["install"], Pattern(32));
        ring.Submitter.RegisterFilesSparse(4);
        byte[] path = OpcodeTempDir.CString(dir["install"]);
        byte* buf = stackalloc byte[32];
        fixed (byte* p = path)
        {
            ring.Run(new OpenAt(Libc.AT_FDCWD, p) { FileIndex = DestinationSlot.At(1) }.Build()).Result.Should().Be(0);
        }

        CompletionEntry installed = ring.Run(new FixedFdInstall(new Fixed(1)).Build());
        installed.Result.Should().BeGreaterThan(2);
        Libc.read(installed.Result, buf, 32).Should().Be(32);
        Libc.close(installed.Result);

        ring.Run(new FixedFdInstall(new Fixed(2)).Build()).Result.Should().Be(-EBADF, "slot 2 is empty");
    }

    [Fact]
    public void FilesUpdate_replaces_registered_files()
    {
        using SafeFileHandle a = dir.CreateFile("a", Pattern(8, 1));
        using SafeFileHandle b = dir.CreateFile("b", Pattern(8, 2));
        ring.Submitter.RegisterFilesSparse(4);
        int* fds = stackalloc int[2] { FdOf.Handle(a).Value, FdOf.Handle(b).Value };
        byte* buf = stackalloc byte[8];

        ring.Run(new FilesUpdate(fds, 2) { Offset = 1 }.Build()).Result.Should().Be(2);
        ring.Run(new Read(new Fixed(2), buf, 8).Build()).Result.Should().Be(8);
        new Span<byte>(buf, 8).ToArray().Should().Equal(Pattern(8, 2));
    }

    [Fact]
    public void FilesUpdate_with_file_index_alloc_picks_free_slots_and_writes_them_back()
    {
        using SafeFileHandle a = dir.CreateFile("alloc-a", Pattern(4, 3));
        ring.Submitter.RegisterFilesSparse(4);
        int* fds = stackalloc int[1] { FdOf.Handle(a).Value };
        byte* buf = stackalloc byte[4];

        ring.Run(new FilesUpdate(fds, 1) { Offset = unchecked((int)Constants.IORING_FILE_INDEX_ALLOC) }.Build()).Result.Should().Be(1);

        fds[0].Should().BeInRange(0, 3, "the kernel replaced the fd with the slot it chose");
        ring.Run(new Read(new Fixed((uint)fds[0]), buf, 4).Build()).Result.Should().Be(4);
        new Span<byte>(buf, 4).ToArray().Should().Equal(Pattern(4, 3));
    }

    [Fact]
    public void MkDirAt_SymlinkAt_HardLinkAt_RenameAt_UnlinkAt()
    {
        File.WriteAllBytes(dir["target"], Pattern(3));
        byte[] sub = OpcodeTempDir.CString(dir["sub"]);
        byte[] target = OpcodeTempDir.CString(dir["target"]);
        byte[] sym = OpcodeTempDir.CString(dir["sym"]);
        byte[] hard = OpcodeTempDir.CString(dir["hard"]);
        byte[] renamed = OpcodeTempDir.CString(dir["sub/renamed"]);
        fixed (byte* pSub = sub)
        fixed (byte* pTarget = target)
        fixed (byte* pSym = sym)
        fixed (byte* pHard = hard)
        fixed (byte* pRenamed = renamed)
        {
            ring.Run(new MkDirAt(Libc.AT_FDCWD, pSub) { Mode = 0x1ED }.Build()).Result.Should().Be(0);
            ring.Run(new MkDirAt(Libc.AT_FDCWD, pSub).Build()).Result.Should().Be(-EEXIST);
            Directory.Exists(dir["sub"]).Should().BeTrue();

            ring.Run(new SymlinkAt(Libc.AT_FDCWD, pTarget, pSym).Build()).Result.Should().Be(0);
            new FileInfo(dir["sym"]).LinkTarget.Should().Be(dir["target"]);

            ring.Run(new HardLinkAt(Libc.AT_FDCWD, pTarget, Libc.AT_FDCWD, pHard).Build()).Result.Should().Be(0);
            File.ReadAllBytes(dir["hard"]).Should().Equal(Pattern(3));

            ring.Run(new RenameAt(Libc.AT_FDCWD, pHard, Libc.AT_FDCWD, pRenamed).Build()).Result.Should().Be(0);
            File.Exists(dir["hard"]).Should().BeFalse();
            File.Exists(dir["sub/renamed"]).Should().BeTrue();

            ring.Run(new UnlinkAt(Libc.AT_FDCWD, pRenamed).Build()).Result.Should().Be(0);
            ring.Run(new UnlinkAt(Libc.AT_FDCWD, pSub) { Flags = Libc.AT_REMOVEDIR }.Build()).Result.Should().Be(0);
            ring.Run(new UnlinkAt(Libc.AT_FDCWD, pSub) { Flags = Libc.AT_REMOVEDIR }.Build()).Result.Should().Be(-ENOENT);
            Directory.Exists(dir["sub"]).Should().BeFalse();
        }
    }

    [Fact]
    public void Xattrs_set_and_get_by_fd_and_by_path()
    {
        using SafeFileHandle file = dir.CreateFile("xattr");
        byte[] path = OpcodeTempDir.CString(dir["xattr"]);
        byte[] name = OpcodeTempDir.CString("user.iouring");
        byte[] name2 = OpcodeTempDir.CString("user.second");
        byte[] value = Encoding.ASCII.GetBytes("hello");
        byte[] back = new byte[32];
        fixed (byte* pPath = path)
        fixed (byte* pName = name)
        fixed (byte* pName2 = name2)
        fixed (byte* pValue = value)
        fixed (byte* pBack = back)
        {
            CompletionEntry set = ring.Run(new FSetXattr(FdOf.Handle(file), pName, pValue, 5).Build());
            OpcodeRing.SkipOnErrno(set.Result, "user xattrs on the temp file system", EOPNOTSUPP, EPERM, EACCES);
            set.Result.Should().Be(0);

            ring.Run(new FGetXattr(FdOf.Handle(file), pName, pBack, 32).Build()).Result.Should().Be(5);
            Encoding.ASCII.GetString(back, 0, 5).Should().Be("hello");

            ring.Run(new SetXattr(pName2, pValue, pPath, 3).Build()).Result.Should().Be(0);
            ring.Run(new GetXattr(pName2, pBack, 32, pPath).Build()).Result.Should().Be(3);
            Encoding.ASCII.GetString(back, 0, 3).Should().Be("hel");

            ring.Run(new GetXattr(pName2, pBack, 1, pPath).Build()).Result.Should().Be(-34 /* ERANGE */);
        }
    }

    [Fact]
    public void Splice_file_to_pipe_and_Tee_between_pipes()
    {
        using SafeFileHandle file = dir.CreateFile("splice", Pattern(100));
        (int r1, int w1) = Libc.Pipe();
        (int r2, int w2) = Libc.Pipe();
        byte* buf = stackalloc byte[100];
        try
        {
            ring.Run(new Splice(FdOf.Handle(file), 10, new Fd(w1), -1, 50).Build()).Result.Should().Be(50);
            ring.Run(new Tee(new Fd(r1), new Fd(w2), 50).Build()).Result.Should().Be(50);

            Libc.read(r1, buf, 100).Should().Be(50);
            new Span<byte>(buf, 50).ToArray().Should().Equal(Pattern(100).Skip(10).Take(50));
            Libc.read(r2, buf, 100).Should().Be(50, "tee duplicated the data without consuming it");
        }
        finally
        {
            Libc.close(r1);
            Libc.close(w1);
            Libc.close(r2);
            Libc.close(w2);
        }
    }

    [Fact]
    public void Splice_from_a_registered_file()
    {
        using SafeFileHandle file = dir.CreateFile("splice-fixed", Pattern(40));
        ring.Submitter.RegisterFiles([FdOf.Handle(file).Value]);
        (int r, int w) = Libc.Pipe();
        byte* buf = stackalloc byte[40];
        try
        {
            ring.Run(new Splice(new Fixed(0), 0, new Fd(w), -1, 40).Build()).Result.Should().Be(40);
            Libc.read(r, buf, 40).Should().Be(40);
            new Span<byte>(buf, 40).ToArray().Should().Equal(Pattern(40));
        }
        finally
        {
            Libc.close(r);
            Libc.close(w);
        }
    }

    [Fact]
    public void Pipe_creates_a_working_pipe_and_direct_pipes()
    {
        OpcodeRing.RequireOpcode(ring, IoUring.Interop.Opcodes.Pipe.Code);
        int* fds = stackalloc int[2];
        ring.Run(new IoUring.Interop.Opcodes.Pipe(fds) { Flags = Libc.O_CLOEXEC }.Build()).Result.Should().Be(0);
        byte b = 42, c = 0;
        Libc.write(fds[1], &b, 1).Should().Be(1);
        Libc.read(fds[0], &c, 1).Should().Be(1);
        c.Should().Be(42);
        Libc.close(fds[0]);
        Libc.close(fds[1]);

        ring.Submitter.RegisterFilesSparse(8);
        ring.Run(new IoUring.Interop.Opcodes.Pipe(fds) { FileIndex = DestinationSlot.Auto }.Build()).Result.Should().Be(0);
        uint readSlot = (uint)fds[0], writeSlot = (uint)fds[1];
        ring.Run(new Write(new Fixed(writeSlot), &b, 1).Build()).Result.Should().Be(1);
        ring.Run(new Read(new Fixed(readSlot), &c, 1).Build()).Result.Should().Be(1);
    }

    [Fact]
    public void ReadMulti_on_a_pipe_delivers_each_write_in_a_provided_buffer()
    {
        OpcodeRing.RequireOpcode(ring, ReadMulti.Code);
        using var buffers = new ProvidedBuffers(ring, 8, group: 5, size: 64);
        (int r, int w) = Libc.Pipe();
        try
        {
            ring.Push(new ReadMulti(new Fd(r), 0, 5).Build().WithUserData(9));
            ring.Submit();

            byte* msg = stackalloc byte[] { 1, 2, 3 };
            Libc.write(w, msg, 3);
            CompletionEntry first = ring.WaitFor(1)[0];
            Libc.write(w, msg, 2);
            CompletionEntry second = ring.WaitFor(1)[0];
            Libc.close(w);
            w = -1;
            CompletionEntry end = ring.WaitFor(1)[0];

            first.Result.Should().Be(3);
            first.HasMore.Should().BeTrue();
            first.BufferId.Should().Be((ushort)0);
            second.Result.Should().Be(2);
            second.BufferId.Should().Be((ushort)1);
            new Span<byte>(buffers.Buffer(1), 2).ToArray().Should().Equal(1, 2);
            end.Result.Should().Be(0, "EOF ends the multishot read");
            end.HasMore.Should().BeFalse();
            buffers.Ring.Unregister(ring.Submitter);
        }
        finally
        {
            Libc.close(r);
            if (w >= 0)
            {
                Libc.close(w);
            }
        }
    }

    [Fact]
    public void ODirect_write_and_read_where_the_file_system_allows()
    {
        string path = dir["direct-io"];
        File.WriteAllBytes(path, []);
        byte[] cpath = OpcodeTempDir.CString(path);
        int fd;
        fixed (byte* p = cpath)
        {
            CompletionEntry opened = ring.Run(new OpenAt(Libc.AT_FDCWD, p) { Flags = Libc.O_RDWR | Libc.O_DIRECT | Libc.O_CLOEXEC }.Build());
            OpcodeRing.SkipOnErrno(opened.Result, "O_DIRECT open on the temp file system", EINVAL, EOPNOTSUPP);
            fd = opened.Result;
        }

        byte* mem = (byte*)NativeMemory.AlignedAlloc(8192, 4096);
        try
        {
            Pattern(4096).CopyTo(new Span<byte>(mem, 4096));
            CompletionEntry wrote = ring.Run(new Write(new Fd(fd), mem, 4096).Build());
            OpcodeRing.SkipOnErrno(wrote.Result, "O_DIRECT write on the temp file system", EINVAL, EOPNOTSUPP);
            wrote.Result.Should().Be(4096);
            ring.Run(new Read(new Fd(fd), mem + 4096, 4096).Build()).Result.Should().Be(4096);
            new Span<byte>(mem + 4096, 4096).ToArray().Should().Equal(Pattern(4096));
        }
        finally
        {
            NativeMemory.AlignedFree(mem);
            Libc.close(fd);
        }
    }
}

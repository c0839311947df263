using Microsoft.Win32.SafeHandles;

namespace IoUring.Interop.Tests.Opcodes.Support;

/// <summary>Raw fds of .NET handles, for builders that take a FileTarget.</summary>
internal static class FdOf
{
    public static Fd Handle(SafeFileHandle handle) => new((int)handle.DangerousGetHandle());
}

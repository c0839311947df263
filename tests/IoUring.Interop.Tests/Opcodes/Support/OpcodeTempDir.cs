using System;
using System.IO;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace IoUring.Interop.Tests.Opcodes.Support;

/// <summary>The shared <see cref="TempDirectory"/> plus what file opcode tests need: C paths and pre-filled files.</summary>
internal sealed class OpcodeTempDir : IDisposable
{
    private readonly TempDirectory directory = new();

    public string Path => directory.Path;

    /// <summary>The full path of <paramref name="name"/> inside the directory.</summary>
    public string this[string name] => directory.File(name);

    /// <summary>A NUL-terminated UTF-8 copy of a path, as the kernel reads it.</summary>
    public static byte[] CString(string value) => Encoding.UTF8.GetBytes(value + "\0");

    /// <summary>Creates (or truncates) a file with <paramref name="content"/> and opens it read-write.</summary>
    public SafeFileHandle CreateFile(string name, byte[]? content = null)
    {
        File.WriteAllBytes(this[name], content ?? []);
        return File.OpenHandle(this[name], FileMode.Open, FileAccess.ReadWrite);
    }

    public void Dispose() => directory.Dispose();
}

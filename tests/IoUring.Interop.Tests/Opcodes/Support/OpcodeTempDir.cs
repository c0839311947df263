using System;
using System.IO;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace IoUring.Interop.Tests.Opcodes.Support;

/// <summary>A fresh directory under the temp folder for file opcode tests, removed on dispose.</summary>
internal sealed class OpcodeTempDir : IDisposable
{
    public OpcodeTempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "iouring-opcodes-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>The full path of <paramref name="name"/> inside the directory.</summary>
    public string this[string name] => System.IO.Path.Combine(Path, name);

    /// <summary>A NUL-terminated UTF-8 copy of a path, as the kernel reads it.</summary>
    public static byte[] CString(string value) => Encoding.UTF8.GetBytes(value + "\0");

    /// <summary>Creates (or truncates) a file with <paramref name="content"/> and opens it read-write.</summary>
    public SafeFileHandle CreateFile(string name, byte[]? content = null)
    {
        File.WriteAllBytes(this[name], content ?? []);
        return File.OpenHandle(this[name], FileMode.Open, FileAccess.ReadWrite);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A test that failed half-way may leave a busy file; the temp folder is cleaned eventually.
        }
    }
}

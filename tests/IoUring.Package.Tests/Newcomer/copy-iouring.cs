// complete: newcomer-copy-iouring
using System.Security.Cryptography;
using IoUring.Interop.Async;
using Microsoft.Win32.SafeHandles;

// Copies args[0] to args[1] through io_uring, then checks that both files have the same SHA-256.
string sourcePath = args[0], targetPath = args[1];
using (SafeFileHandle source = await RingEngine.Default.OpenAsync(sourcePath, FileMode.Open, FileAccess.Read))
using (SafeFileHandle target = await RingEngine.Default.OpenAsync(targetPath, FileMode.Create, FileAccess.Write))
{
    byte[] buffer = new byte[128 * 1024];
    long offset = 0;
    int read;
    while ((read = await RingEngine.Default.ReadAsync(source, buffer, offset)) > 0)
    {
        await RingEngine.Default.WriteAsync(target, buffer.AsMemory(0, read), offset);
        offset += read;
    }

    await RingEngine.Default.FlushToDiskAsync(target);
}

string expected = Convert.ToHexString(await HashAsync(sourcePath));
string actual = Convert.ToHexString(await HashAsync(targetPath));
if (actual != expected)
    throw new InvalidDataException($"sha256 differs: {expected} copied as {actual}");
Console.WriteLine($"copied {new FileInfo(targetPath).Length} bytes, sha256 {actual} ok");

static async Task<byte[]> HashAsync(string path)
{
    await using var file = new RingFileStream(RingEngine.Default, await RingEngine.Default.OpenAsync(path, FileMode.Open, FileAccess.Read));
    return await SHA256.HashDataAsync(file);
}

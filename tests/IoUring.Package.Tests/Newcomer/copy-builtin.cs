// complete: newcomer-copy-builtin
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

// Copies args[0] to args[1] with RandomAccess, then checks that both files have the same SHA-256.
string sourcePath = args[0], targetPath = args[1];
using (SafeFileHandle source = File.OpenHandle(sourcePath, FileMode.Open, FileAccess.Read, options: FileOptions.Asynchronous))
using (SafeFileHandle target = File.OpenHandle(targetPath, FileMode.Create, FileAccess.Write, options: FileOptions.Asynchronous))
{
    byte[] buffer = new byte[128 * 1024];
    long offset = 0;
    int read;
    while ((read = await RandomAccess.ReadAsync(source, buffer, offset)) > 0)
    {
        await RandomAccess.WriteAsync(target, buffer.AsMemory(0, read), offset);
        offset += read;
    }

    RandomAccess.FlushToDisk(target);
}

string expected = Convert.ToHexString(await HashAsync(sourcePath));
string actual = Convert.ToHexString(await HashAsync(targetPath));
if (actual != expected)
    throw new InvalidDataException($"sha256 differs: {expected} copied as {actual}");
Console.WriteLine($"copied {new FileInfo(targetPath).Length} bytes, sha256 {actual} ok");

static async Task<byte[]> HashAsync(string path)
{
    await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.Asynchronous);
    return await SHA256.HashDataAsync(file);
}

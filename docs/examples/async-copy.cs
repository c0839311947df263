// complete: async-copy; prints: copied 100000 bytes
using IoUring.Interop;
using IoUring.Interop.Async;
using Microsoft.Win32.SafeHandles;

// docs/async.md, "1. Copy a file", with the two paths it leaves to you: 100,000 random bytes copied next to themselves.
string sourcePath = Path.Combine(Path.GetTempPath(), $"async-copy-{Environment.ProcessId}.bin");
string targetPath = sourcePath + ".copy";
File.WriteAllBytes(sourcePath, Random.Shared.GetItems<byte>(Enumerable.Range(0, 256).Select(i => (byte)i).ToArray(), 100_000));

RingEngine engine = RingEngine.Default;
using SafeFileHandle source = await engine.OpenAsync(sourcePath, FileMode.Open, FileAccess.Read);
using SafeFileHandle target = await engine.OpenAsync(targetPath, FileMode.Create, FileAccess.Write);

byte[] buffer = new byte[64 * 1024];
long offset = 0;
int read;
while ((read = await engine.ReadAsync(source, buffer, offset)) > 0)
{
    await engine.WriteAsync(target, buffer.AsMemory(0, read), offset);   // all of it, as RandomAccess.WriteAsync
    offset += read;
}

await engine.FlushToDiskAsync(target);                 // fsync
FileStatus stat = await engine.StatAsync(targetPath);
Console.WriteLine($"copied {stat.Length} bytes");

if (!File.ReadAllBytes(targetPath).SequenceEqual(File.ReadAllBytes(sourcePath)))
    throw new InvalidDataException("the copy differs from the source");
File.Delete(sourcePath);
File.Delete(targetPath);

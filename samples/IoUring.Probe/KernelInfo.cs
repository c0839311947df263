using System;
using System.IO;

namespace IoUring.Samples.Probe;

internal static class KernelInfo
{
    /// <summary>The running kernel's release string (uname -r).</summary>
    public static string Release()
    {
        try
        {
            return File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
        }
        catch (IOException)
        {
            return Environment.OSVersion.Version.ToString();
        }
    }
}

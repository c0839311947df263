using System;
using System.Linq;

namespace IoUring.Interop.Reliability.Child;

/// <summary>Runs bad-input members: <c>--list</c> prints every member id; <c>--from N</c> runs the catalog from index N
/// on; otherwise each argument is a member id to run (one line per call on stdout, see <see cref="Runner"/>).</summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static int Main(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: IoUring.Interop.Reliability.Child --list | --from <index> | <member id>...");
            return 2;
        }

        if (args[0] == "--list")
        {
            foreach (MemberCase member in Catalog.Members)
            {
                Console.WriteLine(member.Id);
            }

            return 0;
        }

        var runner = new Runner(Console.Out);
        try
        {
            if (args[0] == "--from")
            {
                foreach (MemberCase member in Catalog.Members.Skip(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture)))
                {
                    runner.Run(member);
                }
            }
            else
            {
                foreach (string id in args)
                {
                    runner.Run(Catalog.Find(id));
                }
            }
        }
        finally
        {
            Fixtures.Cleanup();
        }

        return 0;
    }
}

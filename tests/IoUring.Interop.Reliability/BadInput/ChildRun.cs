using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using IoUring.Interop.Reliability.Child;

namespace IoUring.Interop.Reliability.BadInput;

/// <summary>Runs the bad-input child processes and collects one <see cref="MemberReport"/> per member.</summary>
/// <remarks>Isolated mode (long mode, or <c>IOURING_BADINPUT_ISOLATE=1</c>): one process per member. Short mode: one
/// process runs the catalog in order; if it crashes or hangs in a member, that member gets the failure and a new process
/// resumes after it, so a crash still fails exactly that member. Either way a hang is a member that prints nothing for
/// <see cref="Silence"/>: the process is killed.</remarks>
public static class ChildRun
{
    /// <summary>How long a member may run without printing a line before it counts as hung.</summary>
    public static readonly TimeSpan Silence = TimeSpan.FromSeconds(20);

    private static readonly Lazy<IReadOnlyDictionary<string, MemberReport>> All = new(RunAll, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Whether every member gets its own process.</summary>
    public static bool Isolated => Knobs.IsLong || Environment.GetEnvironmentVariable("IOURING_BADINPUT_ISOLATE") == "1";

    /// <summary>The report of <paramref name="id"/> (the whole catalog runs once per test process, on first use).</summary>
    public static MemberReport Report(string id) => All.Value.TryGetValue(id, out MemberReport? report)
        ? report
        : new MemberReport { ProcessFailure = "the child never reached this member" };

    private static Dictionary<string, MemberReport> RunAll()
    {
        var reports = new Dictionary<string, MemberReport>();
        IReadOnlyList<MemberCase> members = Catalog.Members;
        if (Isolated)
        {
            foreach (MemberCase member in members)
            {
                Run([member.Id], reports);
            }

            return reports;
        }

        int next = 0;
        while (next < members.Count)
        {
            string? stoppedIn = Run(["--from", next.ToString(System.Globalization.CultureInfo.InvariantCulture)], reports);
            if (stoppedIn is null)
            {
                break;
            }

            // Resume after the member the process died in.
            next = members.ToList().FindIndex(m => m.Id == stoppedIn) + 1;
            if (next == 0)
            {
                break;
            }
        }

        return reports;
    }

    // Runs one child; returns the member it crashed or hung in, or null when it exited cleanly.
    private static string? Run(string[] arguments, Dictionary<string, MemberReport> reports)
    {
        string child = typeof(Catalog).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(child);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stderr = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (stderr)
                {
                    stderr.AppendLine(e.Data);
                }
            }
        };
        process.BeginErrorReadLine();

        string? current = null;
        bool hung = false;
        while (true)
        {
            var line = process.StandardOutput.ReadLineAsync();
            if (!line.Wait(Silence))
            {
                hung = true;
                process.Kill(entireProcessTree: true);
                break;
            }

            if (line.Result is not { } text)
            {
                break;
            }

            Parse(text, reports, ref current);
        }

        process.WaitForExit();
        if (current is null && !hung && process.ExitCode == 0)
        {
            return null;
        }

        string failure = hung
            ? $"hung: no output for {Silence.TotalSeconds:0} s; killed"
            : $"the child exited with code {process.ExitCode}";
        string where = current ?? arguments.Last();
        if (!reports.TryGetValue(where, out MemberReport? report))
        {
            reports[where] = report = new MemberReport();
        }

        lock (stderr)
        {
            report.ProcessFailure = $"{failure}; stderr: {stderr.ToString().Trim()}";
        }

        return where;
    }

    private static void Parse(string line, Dictionary<string, MemberReport> reports, ref string? current)
    {
        string[] parts = line.Split('|');
        switch (parts[0])
        {
            case "BEGIN":
                current = parts[1];
                reports[current] = new MemberReport();
                break;
            case "CALL" when parts.Length >= 5:
                reports[parts[1]].Calls.Add((parts[2], parts[3], parts[4]));
                break;
            case "DISPOSED" when parts.Length >= 5:
                reports[parts[1]].Disposed = (parts[3], parts[4]);
                break;
            case "END":
                reports[parts[1]].Ended = true;
                current = null;
                break;
        }
    }
}
